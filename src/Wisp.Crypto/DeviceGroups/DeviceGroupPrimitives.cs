using System.Security.Cryptography;
using Wisp.Crypto.Interop;

namespace Wisp.Crypto.DeviceGroups;

/// <summary>
/// The libsodium calls Session's device groups are built from, in the shapes its derivations use: BLAKE2b with a
/// 16-byte personalization at any output length from 1 byte (libsession takes 2- and 8-byte digests, below the
/// 16-byte floor of <see cref="Hashing.Blake2b"/>), raw X25519, and XChaCha20 without a MAC. The combinations live
/// in Wisp.Protocol's <c>Devices</c> folder; every primitive stays here.
/// </summary>
public static unsafe class DeviceGroupPrimitives
{
    /// <summary>Length of a BLAKE2b personalization: Session's strings (e.g. "SessionDevKeyKey") are exactly 16 bytes.</summary>
    public const int PersonalBytes = 16;

    /// <summary>An X25519 key or shared secret, in bytes.</summary>
    public const int X25519Bytes = 32;

    /// <summary>
    /// BLAKE2b of <paramref name="input"/> into <paramref name="output"/> (1–64 bytes), keyed by <paramref name="key"/>
    /// (empty for none, at most 64 bytes) and personalized by exactly 16 bytes; the salt is zero, as in libsession.
    /// </summary>
    public static void Blake2b(Span<byte> output, ReadOnlySpan<byte> key, ReadOnlySpan<byte> personal, ReadOnlySpan<byte> input)
    {
        if (output.Length is < 1 or > Sodium.Blake2bMaxBytes)
            throw new ArgumentException($"A BLAKE2b output is 1–{Sodium.Blake2bMaxBytes} bytes; got {output.Length}.", nameof(output));
        if (key.Length > Sodium.Blake2bMaxKeyBytes)
            throw new ArgumentException($"A BLAKE2b key is at most {Sodium.Blake2bMaxKeyBytes} bytes; got {key.Length}.", nameof(key));
        if (personal.Length != PersonalBytes)
            throw new ArgumentException($"A personalization is {PersonalBytes} bytes; got {personal.Length}.", nameof(personal));
        Span<byte> salt = stackalloc byte[Sodium.Blake2bSaltBytes];
        salt.Clear();
        Sodium.EnsureInitialized();
        fixed (byte* o = output, i = input, k = key, s = salt, p = personal)
        {
            if (Sodium.crypto_generichash_blake2b_salt_personal(
                    o, (nuint)output.Length, i, (ulong)input.Length, key.IsEmpty ? null : k, (nuint)key.Length, s, p) != 0)
                throw new InvalidOperationException("crypto_generichash_blake2b_salt_personal failed.");
        }
    }

    /// <summary>The X25519 public key of a 32-byte secret.</summary>
    public static void X25519Public(ReadOnlySpan<byte> secret, Span<byte> publicKey)
    {
        CheckLength(secret, nameof(secret));
        CheckLength(publicKey, nameof(publicKey));
        Sodium.EnsureInitialized();
        fixed (byte* q = publicKey, n = secret)
        {
            if (Sodium.crypto_scalarmult_base(q, n) != 0)
                throw new CryptographicException("This X25519 secret has no usable public key.");
        }
    }

    /// <summary>
    /// X25519 of <paramref name="secret"/> and <paramref name="publicKey"/> into <paramref name="shared"/>; false when
    /// the result is all zeros (a low-order point), which a device must refuse rather than use.
    /// </summary>
    public static bool TryX25519(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> publicKey, Span<byte> shared)
    {
        CheckLength(secret, nameof(secret));
        CheckLength(publicKey, nameof(publicKey));
        CheckLength(shared, nameof(shared));
        Sodium.EnsureInitialized();
        fixed (byte* q = shared, n = secret, p = publicKey)
        {
            return Sodium.crypto_scalarmult(q, n, p) == 0;
        }
    }

    /// <summary>X25519 of an account's secret (the X25519 twin of its Ed25519 key) and <paramref name="publicKey"/>; see the raw overload.</summary>
    public static bool TryX25519(Keys.Ed25519KeyPair account, ReadOnlySpan<byte> publicKey, Span<byte> shared)
    {
        ArgumentNullException.ThrowIfNull(account);
        return TryX25519(account.X25519SecretKey, publicKey, shared);
    }

    /// <summary>X25519 of a key pair's secret and <paramref name="publicKey"/>; see the raw overload.</summary>
    public static bool TryX25519(Keys.X25519KeyPair ours, ReadOnlySpan<byte> publicKey, Span<byte> shared)
    {
        ArgumentNullException.ThrowIfNull(ours);
        return TryX25519(ours.SecretKey, publicKey, shared);
    }

    /// <summary>XChaCha20 (no MAC) of <paramref name="input"/> into <paramref name="output"/> of the same length; its own inverse.</summary>
    public static void XChaCha20Xor(Span<byte> output, ReadOnlySpan<byte> input, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> key)
    {
        if (output.Length != input.Length)
            throw new ArgumentException($"The output must be as long as the input ({input.Length} bytes); got {output.Length}.", nameof(output));
        if (nonce.Length != Sodium.XChaChaNonceBytes)
            throw new ArgumentException($"An XChaCha20 nonce is {Sodium.XChaChaNonceBytes} bytes; got {nonce.Length}.", nameof(nonce));
        if (key.Length != Sodium.XChaChaKeyBytes)
            throw new ArgumentException($"An XChaCha20 key is {Sodium.XChaChaKeyBytes} bytes; got {key.Length}.", nameof(key));
        Sodium.EnsureInitialized();
        fixed (byte* c = output, m = input, n = nonce, k = key)
        {
            if (Sodium.crypto_stream_xchacha20_xor(c, m, (ulong)input.Length, n, k) != 0)
                throw new InvalidOperationException("crypto_stream_xchacha20_xor failed.");
        }
    }

    private static void CheckLength(ReadOnlySpan<byte> value, string name)
    {
        if (value.Length != X25519Bytes)
            throw new ArgumentException($"An X25519 value is {X25519Bytes} bytes; got {value.Length}.", name);
    }
}
