using System.Net;
using System.Security.Cryptography;
using Wisp.Crypto;
using Wisp.Crypto.Hashing;
using Wisp.Protocol.Dht;

namespace Wisp.Dht.Rpc;

/// <summary>
/// Round-trip tokens: BLAKE2b-256 keyed by a secret over the requester's IP address. A reply hands one out; a write
/// must echo it, which proves the writer receives datagrams at the IP it claims. Two secrets rotate (see
/// <see cref="Limits.TokenRotationSlots"/>): a token is good under the current one or the one before.
/// </summary>
internal sealed class TokenSecrets
{
    private readonly object _gate = new();
    private byte[] _current = RandomBytes.Get(32);
    private byte[] _previous = RandomBytes.Get(32);

    public byte[] Create(IPAddress address)
    {
        byte[] secret;
        lock (_gate) secret = _current;
        return Compute(secret, address);
    }

    public bool Verify(IPAddress address, ReadOnlySpan<byte> token)
    {
        if (token.Length != DhtLimits.IdBytes) return false;
        byte[] current, previous;
        lock (_gate) (current, previous) = (_current, _previous);
        return CryptographicOperations.FixedTimeEquals(Compute(current, address), token)
            | CryptographicOperations.FixedTimeEquals(Compute(previous, address), token);
    }

    public void Rotate()
    {
        lock (_gate)
        {
            _previous = _current;
            _current = RandomBytes.Get(32);
        }
    }

    private static byte[] Compute(byte[] secret, IPAddress address)
    {
        Span<byte> ip = stackalloc byte[16];
        address.TryWriteBytes(ip, out var length);
        return Blake2b.Hash(ip[..length], DhtLimits.IdBytes, secret);
    }
}
