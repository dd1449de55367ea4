using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>store</c>: deposit a message in an address's swarm.
/// <list type="bullet">
/// <item><c>pubkey</c> (required; alias <c>pubKey</c>): the 66-hex-character address.</item>
/// <item><c>timestamp</c> (required): the message time, Unix ms (integer, or a string of digits); at most 10 s ahead of the node.</item>
/// <item><c>ttl</c> (ms, integer or string) or <c>expiry</c> (Unix ms) — exactly one. Lifetime (expiry − timestamp) must be
/// 10 s – 14 days in a public inbox (ns % 10 == 0), 10 s – 30 days elsewhere (else 403); expiry must not be more than 10 s past.</item>
/// <item><c>data</c> (required): base64, at most 76,800 bytes decoded (102,400 characters; else 413).</item>
/// <item><c>namespace</c> (optional, default 0): −32768..32767.</item>
/// <item><c>signature</c>, <c>sig_timestamp</c> (default: <c>timestamp</c>), <c>pubkey_ed25519</c>: required unless ns % 10 == 0.
/// Signed: <c>"store" ‖ ns_str ‖ sig_timestamp</c>; sig_timestamp within ±60 s (else 406).</item>
/// </list>
/// Response: <c>{"swarm": {node_ed25519_hex: {"hash", "signature": sign(hash), "expiry", "already"?}}, "hash", "t"}</c>.
/// A store to a public outbox (−(20n+1)) replaces the owner's previous message there.
/// </summary>
public sealed record StoreRequest(
    StoragePubkey Pubkey, int Namespace, long TimestampMs, long ExpiryMs, byte[] Data,
    RequestSignature? Signature, long SignatureTimestampMs)
{
    /// <summary>The method name.</summary>
    public const string Method = "store";

    /// <summary>Parses <c>params</c>.</summary>
    public static ParseResult<StoreRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var pubkey = p.Pubkey(allowLegacyAlias: true);
        var ns = p.Namespace();
        var timestamp = p.Timestamp("timestamp", required: true, allowString: true);
        var ttl = p.Milliseconds("ttl");
        var expiry = p.Timestamp("expiry", required: false);
        if (ttl is not null && expiry is not null)
            p.Fail("params.ttl and params.expiry are alternatives; send only one");
        else if (ttl is null && expiry is null && !p.Failed)
            p.Fail("params.ttl (lifetime in ms) or params.expiry (Unix ms) is required");
        var data = ReadData(p);
        RequestSignature? signature = null;
        long? sigTimestamp = null;
        if (p.Field("signature") is not null)
        {
            signature = p.Signature(pubkey);
            sigTimestamp = p.Timestamp("sig_timestamp", required: false);
        }
        else
            p.RejectSubaccount();
        if (p.Error is { } error)
            return error;
        var expiryMs = expiry ?? SaturatingAdd(timestamp!.Value, ttl!.Value);
        return new StoreRequest(pubkey!, ns, timestamp!.Value, expiryMs, data!, signature, sigTimestamp ?? timestamp!.Value);
    }

    private static byte[]? ReadData(ParamReader p)
    {
        if (p.Field("data") is not { } field)
            return p.Fail<byte[]>("params.data is required: the message, base64");
        if (field.ValueKind != JsonValueKind.String)
            return p.Fail<byte[]>("params.data must be a base64 string");
        var text = field.GetString()!;
        // Check the encoded length before decoding, so an oversized body costs nothing.
        if (text.Length > StorageLimits.MaxMessageBase64Chars)
            return p.Fail<byte[]>($"params.data is larger than the {StorageLimits.MaxMessageBytes}-byte message limit", RpcStatus.PayloadTooLarge);
        var bytes = new byte[text.Length / 4 * 3 + 3];
        return Convert.TryFromBase64String(text, bytes, out var written)
            ? bytes[..written]
            : p.Fail<byte[]>("params.data is not valid base64");
    }

    private static long SaturatingAdd(long a, long b) => b > long.MaxValue - a ? long.MaxValue : a + b;

    /// <summary>
    /// Writes <c>params</c> as <see cref="Parse"/> reads them: the lifetime as <c>ttl</c> (what Session's clients
    /// send), and the signature fields with <c>sig_timestamp</c> when the request is signed.
    /// </summary>
    public void WriteParams(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("pubkey", Pubkey.Hex);
        writer.WriteNumber("namespace", Namespace);
        writer.WriteNumber("timestamp", TimestampMs);
        writer.WriteNumber("ttl", ExpiryMs - TimestampMs);
        writer.WriteBase64String("data", Data);
        if (Signature is not null)
        {
            RequestBody.WriteSignature(writer, Signature);
            writer.WriteNumber("sig_timestamp", SignatureTimestampMs);
        }
        writer.WriteEndObject();
    }

    /// <summary>The request body, <c>{"method": "store", "params": {…}}</c>.</summary>
    public byte[] ToBody() => RequestBody.Serialize(Method, WriteParams);
}
