using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;

namespace Wisp.Chain.Votes;

/// <summary>
/// A node's secp256k1 vote key: the key whose address the node registered as its <c>voteKey</c> at join, and whose
/// signatures the registry counts as the node's votes (recovered on chain with ecrecover). Kept apart from the
/// operator's funds key, so a node process never holds its operator's stake. Stored as 64 hex characters in
/// <see cref="FileName"/> in the node's data directory, readable only by its owner.
/// </summary>
public sealed class VoteKey
{
    /// <summary>The key file's name inside a node's data directory.</summary>
    public const string FileName = "vote.key";

    /// <summary>Length of a signature: r ‖ s ‖ v.</summary>
    public const int SignatureBytes = 65;

    private readonly EthECKey _key;

    private VoteKey(EthECKey key) => _key = key;

    /// <summary>The checksummed address the registry knows this key by.</summary>
    public string Address => _key.GetPublicAddress();

    /// <summary>The private key as 0x hex, for a transaction signer; never logged.</summary>
    internal string PrivateKeyHex => _key.GetPrivateKey();

    /// <summary>A new random key.</summary>
    public static VoteKey Generate() => new(EthECKey.GenerateKey());

    /// <summary>The key of a 32-byte secret in hex (with or without 0x).</summary>
    public static VoteKey FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var bytes = hex.HexToByteArray();
        if (bytes.Length != 32)
            throw new ArgumentException("A vote key is 32 bytes as 64 hex characters.", nameof(hex));
        return new VoteKey(new EthECKey(bytes, true));
    }

    /// <summary>The key in <paramref name="dataDirectory"/>, created (owner-only) when there is none.</summary>
    public static VoteKey LoadOrCreate(string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
            return FromHex(File.ReadAllText(path).Trim());
        var key = Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new StreamWriter(path, options))
            file.Write(key._key.GetPrivateKeyAsBytes().ToHex());
        return key;
    }

    /// <summary>This key's signature of a 32-byte <paramref name="digest"/>, as the registry checks it: r ‖ s ‖ v, v 27 or 28, low s.</summary>
    public byte[] Sign(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != 32)
            throw new ArgumentException($"A vote digest is 32 bytes; got {digest.Length}.", nameof(digest));
        var signature = _key.SignAndCalculateV(digest.ToArray());
        return [.. signature.R.PadLeft32(), .. signature.S.PadLeft32(), .. signature.V];
    }

    /// <summary>The address that signed <paramref name="digest"/> with <paramref name="signature"/>, or null when it does not recover.</summary>
    public static string? Signer(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        if (digest.Length != 32 || signature.Length != SignatureBytes || signature[64] is not (27 or 28))
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
}

internal static class PaddingExtensions
{
    /// <summary>A big-endian integer's bytes left-padded to 32 (Nethereum trims leading zeros of r and s).</summary>
    public static byte[] PadLeft32(this byte[] value)
    {
        if (value.Length >= 32)
            return value[^32..];
        var padded = new byte[32];
        value.CopyTo(padded, 32 - value.Length);
        return padded;
    }
}
