using Org.BouncyCastle.Math.EC.Rfc7748;

namespace Wisp.Crypto.Blinding;

/// <summary>
/// The Ed25519 public key with a clear sign bit that corresponds to an X25519 public key:
/// <c>y = (u − 1) / (u + 1)</c> (the XEd25519 conversion). Blinding needs it to turn a bare Account ID into an
/// Edwards point. libsodium does not export field arithmetic, so the field operations are BouncyCastle's.
/// </summary>
internal static class MontgomeryToEdwards
{
    public const int KeyBytes = 32;

    public static void Convert(ReadOnlySpan<byte> x25519PublicKey, Span<byte> ed25519PublicKey)
    {
        if (x25519PublicKey.Length != KeyBytes)
            throw new ArgumentException($"An X25519 public key is {KeyBytes} bytes; got {x25519PublicKey.Length}.", nameof(x25519PublicKey));
        if (ed25519PublicKey.Length != KeyBytes)
            throw new ArgumentException($"An Ed25519 public key is {KeyBytes} bytes; got {ed25519PublicKey.Length}.", nameof(ed25519PublicKey));

        var numerator = X25519Field.Create();
        var denominator = X25519Field.Create();
        var inverse = X25519Field.Create();
        var y = X25519Field.Create();
        // Decode255 ignores the top bit of u, as RFC 7748 says a Montgomery u-coordinate must be read.
        X25519Field.Decode255(x25519PublicKey, numerator);
        X25519Field.SubOne(numerator);                 // u − 1
        X25519Field.Decode255(x25519PublicKey, denominator);
        X25519Field.AddOne(denominator);               // u + 1
        X25519Field.Inv(denominator, inverse);
        X25519Field.Mul(numerator, inverse, y);
        X25519Field.Normalize(y);
        X25519Field.Encode(y, ed25519PublicKey);
        ed25519PublicKey[^1] &= 0x7F;               // the positive of the two points with this y
    }
}
