using System.Globalization;
using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Monitor;

/// <summary>
/// One subscription, Session's <c>monitor.messages</c> dict (keys in bt order):
/// <c>P</c> the 32-byte Ed25519 key of a 05 Session ID, or <c>p</c> the 33-byte account (03 groups, other prefixes);
/// <c>S</c> + <c>T</c> a subaccount (the owner's 64-byte signature of the 36-byte token; the token needs Read);
/// <c>d</c> 1 when notifications should carry the message data; <c>n</c> the namespaces, ascending, no duplicates;
/// <c>s</c> the 64-byte Ed25519 signature, by the account key or the subaccount key, of
/// <c>"MONITOR" ‖ hex(account) ‖ t ‖ ("1"|"0") ‖ n joined by ","</c>; <c>t</c> the signature time in unix seconds,
/// accepted from 14 days ago to 1 day ahead. The subscription lives 65 minutes from its last (re)subscribe.
/// </summary>
public sealed record MonitorSubscribeRequest(
    byte[]? Pubkey, byte[]? SessionEd25519, SignedSubaccount? Subaccount, bool WantData, IReadOnlyList<int> Namespaces,
    long SignatureTimestamp, byte[] Signature)
{
    /// <summary>How far back a signature timestamp may be (Session: 14 days), in seconds.</summary>
    public const long MaxSignatureAgeSeconds = 14 * 24 * 3600;

    /// <summary>How far ahead a signature timestamp may be (Session: 1 day), in seconds.</summary>
    public const long MaxSignatureLeadSeconds = 24 * 3600;

    /// <summary>The bytes the signature covers, for the account written as 66 hex characters.</summary>
    public static byte[] SignedBytes(string accountHex, long timestamp, bool wantData, IEnumerable<int> namespaces)
    {
        ArgumentNullException.ThrowIfNull(accountHex);
        ArgumentNullException.ThrowIfNull(namespaces);
        var text = "MONITOR" + accountHex.ToLowerInvariant() + timestamp.ToString(CultureInfo.InvariantCulture)
            + (wantData ? "1" : "0") + string.Join(",", namespaces.Select(n => n.ToString(CultureInfo.InvariantCulture)));
        return Encoding.ASCII.GetBytes(text);
    }

    /// <summary>The bytes this request's signature covers, for its (resolved) account.</summary>
    public byte[] SignedBytes(StoragePubkey account) =>
        SignedBytes(account.Hex, SignatureTimestamp, WantData, Namespaces);

    /// <summary>
    /// A subscription for a 05 Session ID signed by its own key (<c>P</c> form), or, with <paramref name="account"/>
    /// given, for that account in <c>p</c> form (its Ed25519 key signs: a 03 group's key).
    /// </summary>
    public static MonitorSubscribeRequest Sign(
        Ed25519KeyPair signer, IReadOnlyList<int> namespaces, bool wantData, long timestamp, StoragePubkey? account = null)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var resolved = account ?? StoragePubkey.FromBytes([StoragePubkey.AccountPrefix, .. signer.X25519PublicKey.Span]);
        var signature = Ed25519.Sign(signer, SignedBytes(resolved.Hex, timestamp, wantData, namespaces));
        return account is null
            ? new MonitorSubscribeRequest(null, signer.PublicKey.Span.ToArray(), null, wantData, namespaces, timestamp, signature)
            : new MonitorSubscribeRequest(account.Bytes.ToArray(), null, null, wantData, namespaces, timestamp, signature);
    }

    /// <summary>
    /// The account the subscription is for: <c>p</c> as given, or 05 ‖ the X25519 form of <c>P</c>; null (with
    /// Session's text in <paramref name="error"/>) when <c>P</c> is not a valid Ed25519 point.
    /// </summary>
    public StoragePubkey? ResolveAccount(out MonitorReply? error)
    {
        error = null;
        if (Pubkey is { } pubkey)
            return StoragePubkey.FromBytes(pubkey);
        if (new Ed25519PublicKey(SessionEd25519!).ToX25519() is { } x25519)
            return StoragePubkey.FromBytes([StoragePubkey.AccountPrefix, .. x25519.Span]);
        error = MonitorReply.Failure(MonitorResponseCode.BadPubkey, "Invalid P= ed25519 public key");
        return null;
    }

    /// <summary>The key that signed the request body when there is no subaccount: <c>P</c>, or <c>p</c> without its prefix.</summary>
    public byte[] OwnerKey() => SessionEd25519 ?? Pubkey![1..];

    /// <summary>Session's timestamp window at <paramref name="nowSeconds"/>: null when accepted, else the BAD_TS reply.</summary>
    public MonitorReply? CheckTimestamp(long nowSeconds)
    {
        var tooOld = SignatureTimestamp < nowSeconds - MaxSignatureAgeSeconds;
        if (!tooOld && SignatureTimestamp <= nowSeconds + MaxSignatureLeadSeconds)
            return null;
        return MonitorReply.Failure(
            MonitorResponseCode.BadTimestamp,
            "Invalid t= signature timestamp: timestamp is " + (tooOld ? "too old" : "in the future"));
    }

    /// <summary>The request as a bt dict.</summary>
    public BencodeDictionary ToBencode()
    {
        var entries = new List<KeyValuePair<string, BencodeValue>>
        {
            new("n", new BencodeList([.. Namespaces.Select(n => (BencodeValue)new BencodeInteger(n))])),
            MonitorBt.Entry("s", Signature),
            MonitorBt.Entry("t", SignatureTimestamp),
        };
        if (SessionEd25519 is { } ed) entries.Add(MonitorBt.Entry("P", ed));
        if (Pubkey is { } p) entries.Add(MonitorBt.Entry("p", p));
        if (Subaccount is { } sub)
        {
            entries.Add(MonitorBt.Entry("S", sub.Signature));
            entries.Add(MonitorBt.Entry("T", sub.Token.Bytes.ToArray()));
        }
        if (WantData) entries.Add(MonitorBt.Entry("d", 1));
        return new BencodeDictionary(entries);
    }

    /// <summary>Reads one subscription dict, answering what Session answers for each defect.</summary>
    public static MonitorParsed Read(BencodeValue? value) => MonitorSubscribeReader.Read(value);
}

/// <summary>One element of a subscribe frame: the request, or the reply refusing it.</summary>
public readonly record struct MonitorParsed(MonitorSubscribeRequest? Request, MonitorReply? Error);
