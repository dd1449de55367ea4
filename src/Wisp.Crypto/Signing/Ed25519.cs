using System.Security.Cryptography;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Signing;

/// <summary>Ed25519 detached signatures (libsodium's crypto_sign_detached / crypto_sign_verify_detached).</summary>
public static unsafe class Ed25519
{
    /// <summary>Signature length in bytes.</summary>
    public const int SignatureBytes = Sodium.Ed25519SignatureBytes;

    /// <summary>Public key length in bytes.</summary>
    public const int PublicKeyBytes = Sodium.Ed25519PublicKeyBytes;

    /// <summary>Signs <paramref name="message"/> into <paramref name="signature"/> (exactly 64 bytes).</summary>
    public static void Sign(Ed25519KeyPair signer, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (signature.Length != SignatureBytes)
            throw new ArgumentException($"An Ed25519 signature is {SignatureBytes} bytes; got {signature.Length}.", nameof(signature));
        fixed (byte* sig = signature, m = message, sk = signer.SecretKey)
        {
            if (Sodium.crypto_sign_detached(sig, null, m, (ulong)message.Length, sk) != 0)
                throw new CryptographicException("crypto_sign_detached failed.");
        }
    }

    /// <summary>Signs <paramref name="message"/> and returns the 64-byte signature.</summary>
    public static byte[] Sign(Ed25519KeyPair signer, ReadOnlySpan<byte> message)
    {
        var signature = new byte[SignatureBytes];
        Sign(signer, message, signature);
        return signature;
    }

    /// <summary>True when <paramref name="signature"/> is <paramref name="publicKey"/>'s signature of <paramref name="message"/>.</summary>
    public static bool Verify(Ed25519PublicKey publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return Verify(publicKey.Span, message, signature);
    }

    /// <summary>
    /// True when <paramref name="signature"/> is the signature of <paramref name="message"/> by the raw 32-byte
    /// <paramref name="publicKey"/>. Any wrong length or invalid point is simply false: this is called on bytes a peer sent.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeyBytes || signature.Length != SignatureBytes)
            return false;
        Sodium.EnsureInitialized();
        fixed (byte* sig = signature, m = message, pk = publicKey)
        {
            return Sodium.crypto_sign_verify_detached(sig, m, (ulong)message.Length, pk) == 0;
        }
    }

    /// <summary>
    /// True when <paramref name="publicKey"/> is 32 bytes encoding a canonical point of the main subgroup that is not
    /// of small order (libsodium's <c>crypto_core_ed25519_is_valid_point</c>): the check Session's community server
    /// makes on a request's signing key before anything else.
    /// </summary>
    public static bool IsValidPoint(ReadOnlySpan<byte> publicKey)
    {
        if (publicKey.Length != PublicKeyBytes)
            return false;
        Sodium.EnsureInitialized();
        fixed (byte* p = publicKey)
        {
            return Sodium.crypto_core_ed25519_is_valid_point(p) == 1;
        }
    }
}
