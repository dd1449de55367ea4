using System.Net;
using System.Security.Cryptography;
using System.Text;
using Wisp.Crypto;
using Wisp.Crypto.Hashing;

namespace Wisp.Direct.Punching;

/// <summary>
/// Round-trip proofs of a remote host: we hand out BLAKE2b-256(host, key = our secret) and a peer that echoes it has
/// shown it receives packets at that host, so random-port punching can never be aimed at a bystander.
/// </summary>
public sealed class AddressTokens : IDisposable
{
    /// <summary>Token length in bytes.</summary>
    public const int Bytes = 32;

    private readonly byte[] _secret = RandomBytes.Get(32);

    /// <summary>The token for <paramref name="host"/> (the port is left out: a random NAT changes it).</summary>
    public byte[] For(IPAddress host) => Blake2b.Hash(Encoding.ASCII.GetBytes(host.ToString()), Bytes, _secret);

    /// <summary>True when <paramref name="echoed"/> is the token we gave <paramref name="host"/>.</summary>
    public bool Verify(IPAddress host, ReadOnlySpan<byte> echoed) =>
        echoed.Length == Bytes && CryptographicOperations.FixedTimeEquals(For(host), echoed);

    /// <summary>Zeroes the secret.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(_secret);
}
