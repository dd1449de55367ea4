using System.Globalization;
using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Storage;

namespace Wisp.Bench.Storage;

/// <summary>
/// The request bodies of the load run, the same as in the measurement of Session's storage server (DESIGN §4): a constant
/// <c>info</c>; a <c>store</c> of 300 random bytes to a new random account every time; a signed <c>retrieve</c>.
/// </summary>
internal static class RequestBodies
{
    /// <summary>Bytes of message data per store (400 base64 characters).</summary>
    public const int StoreDataBytes = 300;

    /// <summary>Fourteen days, the longest a public-inbox message may live.</summary>
    public const long TtlMs = 14L * 24 * 60 * 60 * 1000;

    public static readonly byte[] Info = "{\"method\":\"info\",\"params\":{}}"u8.ToArray();

    /// <summary>A store of 300 random bytes for a new random 05 account (namespace 0 needs no signature).</summary>
    public static byte[] StoreToNewAccount()
    {
        Span<byte> random = stackalloc byte[32 + StoreDataBytes];
        Random.Shared.NextBytes(random);
        return Store("05" + Convert.ToHexStringLower(random[..32]), random[32..], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    /// <summary>A namespace-0 store of <paramref name="data"/> for <paramref name="pubkeyHex"/>.</summary>
    public static byte[] Store(string pubkeyHex, ReadOnlySpan<byte> data, long timestampMs) => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"method\":\"store\",\"params\":{{\"pubkey\":\"{pubkeyHex}\",\"timestamp\":{timestampMs},\"ttl\":{TtlMs},\"data\":\"{Convert.ToBase64String(data)}\"}}}}"));

    /// <summary>A retrieve of namespace 0 signed by the account's owner at <paramref name="timestampMs"/> (valid for ±60 s).</summary>
    public static byte[] SignedRetrieve(Ed25519KeyPair account, long timestampMs)
    {
        var signature = Ed25519.Sign(account, SignatureStrings.Retrieve(0, timestampMs));
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{{\"method\":\"retrieve\",\"params\":{{\"pubkey\":\"{account.AccountId.Hex}\",\"namespace\":0,\"timestamp\":{timestampMs},"
            + $"\"pubkey_ed25519\":\"{account.PublicKey.ToHex()}\",\"signature\":\"{Convert.ToBase64String(signature)}\"}}}}"));
    }
}
