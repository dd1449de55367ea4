using Wisp.Crypto.Hashing;
using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;

namespace Wisp.Protocol.Devices;

/// <summary>
/// A device's own key pair for group messages: X25519 and ML-KEM-768, both from one random 32-byte seed expanded
/// as SHAKE256("SessionDeviceKeys" ‖ seed) into a 32-byte X25519 secret and a 64-byte ML-KEM seed. Never derived
/// from the account: a holder of the recovery phrase must not be able to read the group.
/// </summary>
public sealed class DeviceKeys : IDisposable
{
    /// <summary>Seed length in bytes.</summary>
    public const int SeedBytes = 32;

    private static readonly byte[] Domain = "SessionDeviceKeys"u8.ToArray();

    private DeviceKeys(X25519KeyPair x25519, MlKem768KeyPair mlKem)
    {
        X25519 = x25519;
        MlKem = mlKem;
    }

    /// <summary>The X25519 pair.</summary>
    public X25519KeyPair X25519 { get; }

    /// <summary>The ML-KEM-768 pair.</summary>
    public MlKem768KeyPair MlKem { get; }

    /// <summary>The X25519 public key bytes.</summary>
    public byte[] X25519Public => X25519.PublicKey.Span.ToArray();

    /// <summary>The ML-KEM-768 public key bytes.</summary>
    public byte[] MlKemPublic => MlKem.PublicKey.ToArray();

    /// <summary>Expands a 32-byte seed.</summary>
    public static DeviceKeys FromSeed(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedBytes)
            throw new ArgumentException($"A device key seed is {SeedBytes} bytes; got {seed.Length}.", nameof(seed));
        var input = new byte[Domain.Length + SeedBytes];
        Span<byte> expanded = stackalloc byte[32 + MlKem768.SeedBytes];
        try
        {
            Domain.CopyTo(input, 0);
            seed.CopyTo(input.AsSpan(Domain.Length));
            Shake256Hash.Hash(input, expanded);
            return new DeviceKeys(X25519KeyPair.FromSecret(expanded[..32]), MlKem768KeyPair.FromSeed(expanded[32..]));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(input);
            expanded.Clear();
        }
    }

    /// <summary>Zeroes both secret keys.</summary>
    public void Dispose()
    {
        X25519.Dispose();
        MlKem.Dispose();
    }
}
