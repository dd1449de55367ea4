using System.Security.Cryptography;
using Wisp.Crypto.Blinding;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Signing;

/// <summary>
/// Session's "positive alternative" Ed25519 signature: verifiable by someone who knows only the signer's Account ID
/// (an X25519 key), which fixes the Ed25519 key up to its sign. When the signer's Ed25519 key A has the sign bit
/// set, it signs with the negated scalar −a, so the signature verifies under −A, the key with the sign bit clear.
/// Nonces stay Ed25519's (SHA-512 of the seed hash's second half and the message), so signing is deterministic; for
/// a key whose sign bit is already clear the result is exactly the standard Ed25519 signature.
/// </summary>
public static class PositiveEd25519
{
    /// <summary>Signature length in bytes.</summary>
    public const int SignatureBytes = 64;

    /// <summary>Signs <paramref name="message"/> into <paramref name="signature"/> (exactly 64 bytes).</summary>
    public static void Sign(Ed25519KeyPair signer, ReadOnlySpan<byte> message, Span<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(signer);
        if (signature.Length != SignatureBytes)
            throw new ArgumentException($"A signature is {SignatureBytes} bytes; got {signature.Length}.", nameof(signature));

        Span<byte> seedHash = stackalloc byte[Sha512.HashBytes];
        Span<byte> scalar = stackalloc byte[Ed25519Group.ScalarBytes];
        Span<byte> wide = stackalloc byte[Ed25519Group.WideScalarBytes];
        Span<byte> r = stackalloc byte[Ed25519Group.ScalarBytes];
        Span<byte> positiveKey = stackalloc byte[Ed25519Group.PointBytes];
        try
        {
            Sha512.Hash(signer.Seed, seedHash);
            // The clamped scalar of the seed: the same value libsodium's sk_to_curve25519 gives.
            signer.X25519SecretKey.CopyTo(scalar);
            signer.PublicKey.Span.CopyTo(positiveKey);
            if ((positiveKey[^1] & 0x80) != 0)
            {
                Ed25519Group.Negate(scalar, scalar);
                positiveKey[^1] &= 0x7F;
            }

            BlindingSha512.Hash(seedHash[32..], message, [], wide);
            Ed25519Group.Reduce(wide, r);
            var bigR = signature[..Ed25519Group.PointBytes];
            var s = signature[Ed25519Group.PointBytes..];
            Ed25519Group.MultiplyBase(r, bigR);
            BlindingSha512.Hash(bigR, positiveKey, message, wide);
            Ed25519Group.Reduce(wide, s);
            Ed25519Group.Multiply(s, scalar, s);
            Ed25519Group.Add(s, r, s);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seedHash);
            CryptographicOperations.ZeroMemory(scalar);
            CryptographicOperations.ZeroMemory(wide);
            CryptographicOperations.ZeroMemory(r);
        }
    }

    /// <summary>Signs <paramref name="message"/> and returns the 64-byte signature.</summary>
    public static byte[] Sign(Ed25519KeyPair signer, ReadOnlySpan<byte> message)
    {
        var signature = new byte[SignatureBytes];
        Sign(signer, message, signature);
        return signature;
    }

    /// <summary>The Ed25519 key with a clear sign bit that corresponds to <paramref name="x25519"/>.</summary>
    public static Ed25519PublicKey PublicKeyOf(X25519PublicKey x25519)
    {
        ArgumentNullException.ThrowIfNull(x25519);
        Span<byte> edwards = stackalloc byte[Ed25519Group.PointBytes];
        MontgomeryToEdwards.Convert(x25519.Span, edwards);
        return new Ed25519PublicKey(edwards);
    }

    /// <summary>True when <paramref name="signature"/> is a positive-alternative signature of the holder of <paramref name="signer"/>.</summary>
    public static bool Verify(X25519PublicKey signer, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return Ed25519.Verify(PublicKeyOf(signer), message, signature);
    }

    /// <summary>True when <paramref name="signature"/> is a positive-alternative signature of the account <paramref name="signer"/>.</summary>
    public static bool Verify(AccountId signer, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return Verify(signer.X25519PublicKey, message, signature);
    }
}
