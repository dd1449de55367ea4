using Nethereum.Signer;
using Wisp.Chain.Keys;

namespace Wisp.Chain.Votes;

/// <summary>
/// Vote signatures as the registry checks them with ecrecover: a node's vote key (the <c>voteKey</c> it registered at
/// join, kept in <see cref="EthereumKeyFile.VoteFileName"/>, apart from the operator's funds key) signs the 32-byte
/// <see cref="VoteDigest"/> itself, no message prefix; 65 bytes r ‖ s ‖ v, v 27 or 28, low s.
/// </summary>
public static class VoteSignature
{
    /// <summary>Length of a signature: r ‖ s ‖ v.</summary>
    public const int Bytes = 65;

    /// <summary><paramref name="key"/>'s signature of a 32-byte <paramref name="digest"/>.</summary>
    public static byte[] Sign(EthereumKey key, ReadOnlySpan<byte> digest)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (digest.Length != 32)
            throw new ArgumentException($"A vote digest is 32 bytes; got {digest.Length}.", nameof(digest));
        var signature = key.EcKey.SignAndCalculateV(digest.ToArray());
        return [.. PadLeft32(signature.R), .. PadLeft32(signature.S), .. signature.V];
    }

    /// <summary>The address that signed <paramref name="digest"/> with <paramref name="signature"/>, or null when it does not recover (or has a high s, which the registry refuses).</summary>
    public static string? Signer(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        if (digest.Length != 32 || signature.Length != Bytes || signature[64] is not (27 or 28))
            return null;
        try
        {
            var parsed = EthECDSASignatureFactory.FromComponents(signature[..32].ToArray(), signature[32..64].ToArray(), signature[64]);
            return parsed.IsLowS ? EthECKey.RecoverFromSignature(parsed, digest.ToArray()).GetPublicAddress() : null;
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    // Nethereum gives r and s as big-endian integers without leading zeros.
    private static byte[] PadLeft32(byte[] value)
    {
        if (value.Length >= 32)
            return value[^32..];
        var padded = new byte[32];
        value.CopyTo(padded, 32 - value.Length);
        return padded;
    }
}
