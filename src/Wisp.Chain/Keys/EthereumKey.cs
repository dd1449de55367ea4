using Nethereum.Signer;

namespace Wisp.Chain.Keys;

/// <summary>
/// A secp256k1 key that signs chain transactions and votes: a node operator's key (it pays for and owns the stake)
/// or a node's vote key. Held by Nethereum's <see cref="EthECKey"/>; printing it shows only the address.
/// </summary>
public sealed class EthereumKey
{
    private readonly EthECKey _key;

    private EthereumKey(EthECKey key)
    {
        _key = key;
        Address = key.GetPublicAddress();
    }

    /// <summary>The account address, EIP-55 checksummed (0x + 40 hex digits).</summary>
    public string Address { get; }

    /// <summary>The 32-byte secret as 0x + 64 hex digits, for Nethereum's account and signer types.</summary>
    public string PrivateKeyHex => _key.GetPrivateKey();

    /// <summary>Nethereum's key object, for message signing (votes).</summary>
    public EthECKey EcKey => _key;

    /// <summary>A new random key (from Nethereum's secure random generator).</summary>
    public static EthereumKey Generate() => new(EthECKey.GenerateKey());

    /// <summary>The key whose secret is <paramref name="hex"/> (64 hex digits, with or without 0x).</summary>
    /// <exception cref="FormatException">Not 32 bytes of hex, or not a valid secp256k1 secret.</exception>
    public static EthereumKey FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.Trim();
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            digits = digits[2..];
        if (digits.Length != 64 || !digits.All(char.IsAsciiHexDigit))
            throw new FormatException($"A secp256k1 secret key is 64 hex digits; got {digits.Length} characters.");
        try
        {
            return new EthereumKey(new EthECKey(digits));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new FormatException("The hex is not a valid secp256k1 secret key.", e);
        }
    }

    public override string ToString() => $"EthereumKey({Address})";
}
