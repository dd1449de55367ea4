using System.Security.Cryptography;
using System.Text;
using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Kdf;

/// <summary>How much work Argon2id does: passes over memory, and memory in bytes.</summary>
/// <param name="Operations">Passes (Argon2's t); at least 1.</param>
/// <param name="MemoryBytes">Memory in bytes (Argon2's m × 1024); at least 8 KiB.</param>
public readonly record struct PasswordKdfLimits(ulong Operations, nuint MemoryBytes)
{
    /// <summary>libsodium's "moderate" limits (3 passes, 256 MiB): the default for keys that protect data at rest.</summary>
    public static PasswordKdfLimits Moderate { get; } = new(3, 256 * 1024 * 1024);

    /// <summary>Minimal work (1 pass, 64 KiB), for tests only: it protects nothing against guessing.</summary>
    public static PasswordKdfLimits Fast { get; } = new(1, 64 * 1024);
}

/// <summary>
/// Argon2id (libsodium's crypto_pwhash with ALG_ARGON2ID13): a 32-byte key from a passphrase and a 16-byte salt,
/// for encrypting data at rest (an account vault). The same passphrase, salt and limits always give the same key.
/// </summary>
public static unsafe class PasswordKdf
{
    /// <summary>Derived key length in bytes.</summary>
    public const int KeyBytes = 32;

    /// <summary>Salt length in bytes.</summary>
    public const int SaltBytes = Sodium.PwHashSaltBytes;

    /// <summary>Derives the 32-byte key of a passphrase (as bytes, usually UTF-8) and salt into <paramref name="key"/>.</summary>
    public static void DeriveKey(ReadOnlySpan<byte> passphrase, ReadOnlySpan<byte> salt, PasswordKdfLimits limits, Span<byte> key)
    {
        if (key.Length != KeyBytes)
            throw new ArgumentException($"A derived key is {KeyBytes} bytes; got {key.Length}.", nameof(key));
        DeriveBytes(passphrase, salt, limits, key);
    }

    /// <summary>Derives the key of a passphrase given as text, UTF-8 encoded (the encoded copy is wiped).</summary>
    public static void DeriveKey(ReadOnlySpan<char> passphrase, ReadOnlySpan<byte> salt, PasswordKdfLimits limits, Span<byte> key)
    {
        var encoded = GC.AllocateArray<byte>(Encoding.UTF8.GetByteCount(passphrase), pinned: true);
        try
        {
            Encoding.UTF8.GetBytes(passphrase, encoded);
            DeriveKey(encoded, salt, limits, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(encoded);
        }
    }

    /// <summary>Argon2id of any output length libsodium accepts (≥ 16); the public API fixes it at 32.</summary>
    internal static void DeriveBytes(ReadOnlySpan<byte> passphrase, ReadOnlySpan<byte> salt, PasswordKdfLimits limits, Span<byte> output)
    {
        if (salt.Length != SaltBytes)
            throw new ArgumentException($"An Argon2id salt is {SaltBytes} bytes; got {salt.Length}.", nameof(salt));
        if (output.Length < Sodium.PwHashMinOutputBytes)
            throw new ArgumentException($"Argon2id output is at least {Sodium.PwHashMinOutputBytes} bytes; got {output.Length}.", nameof(output));
        if (limits.Operations < Sodium.PwHashArgon2idMinOps)
            throw new ArgumentOutOfRangeException(nameof(limits), limits.Operations, $"Argon2id needs at least {Sodium.PwHashArgon2idMinOps} pass.");
        if (limits.MemoryBytes < Sodium.PwHashArgon2idMinMemory)
            throw new ArgumentOutOfRangeException(nameof(limits), limits.MemoryBytes, $"Argon2id needs at least {Sodium.PwHashArgon2idMinMemory} bytes of memory.");
        Sodium.EnsureInitialized();
        fixed (byte* o = output, p = passphrase, s = salt)
        {
            if (Sodium.crypto_pwhash(o, (ulong)output.Length, p, (ulong)passphrase.Length, s, limits.Operations, limits.MemoryBytes, Sodium.PwHashAlgArgon2id13) != 0)
                throw new InsufficientMemoryException($"Argon2id could not allocate {limits.MemoryBytes} bytes.");
        }
    }
}
