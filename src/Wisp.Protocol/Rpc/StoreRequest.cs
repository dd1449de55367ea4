using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>store</c> (recursive): deposit a message in an address's swarm.
/// <list type="bullet">
/// <item><c>pubkey</c> (required; alias <c>pubKey</c>): 66 hex characters.</item>
/// <item><c>timestamp</c> (required): the message time, Unix ms (integer, or a string of digits); at most 10 s ahead.</item>
/// <item><c>ttl</c> (ms, integer or string of digits) or <c>expiry</c> (Unix ms): exactly one. Lifetime (expiry −
/// timestamp) 10 s – 14 days in a public inbox (ns % 10 == 0), 10 s – 30 days elsewhere (else 403
/// "Provided expiry/TTL is not valid."); expiry not more than 10 s past (else 406).</item>
/// <item><c>data</c> (required): base64, at most 102,400 characters (76,800 bytes).</item>
/// <item><c>namespace</c> (optional, default 0): −32768..32767.</item>
/// <item><c>signature</c>, <c>sig_timestamp</c> (default: <c>timestamp</c>), <c>pubkey_ed25519</c>,
/// <c>subaccount</c>/<c>subaccount_sig</c> (write access; write + delete for a public outbox): required unless
/// ns % 10 == 0. Signed: <c>"store" ‖ ns_str ‖ sig_timestamp</c>, sig_timestamp within ±60 s.</item>
/// </list>
/// Reply: <see cref="SwarmResponse{StoreEntry}"/> with the node's hash at the top. A store to a public outbox
/// (−(20n+1)) replaces the owner's previous message there.
/// </summary>
public sealed record StoreRequest(
    StoragePubkey Pubkey, int Namespace, long TimestampMs, long ExpiryMs, byte[] Data,
    RequestSignature? Signature, long SignatureTimestampMs)
{
    /// <summary>The method name.</summary>
    public const string Method = "store";

    /// <summary>Parses <c>params</c> (Session's field order and error texts).</summary>
    public static ParseResult<StoreRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var data = p.String("data");
        var expiry = p.Timestamp("expiry");
        var ns = p.Namespace("namespace");
        var pubKeyAlias = p.String("pubKey");
        var pubkeyText = p.String("pubkey");
        var pubkeyEd25519 = p.String("pubkey_ed25519");
        var sigTimestamp = p.Timestamp("sig_timestamp");
        var signatureText = p.String("signature");
        var subaccount = p.String("subaccount");
        var subaccountSig = p.String("subaccount_sig");
        var timestamp = p.StringifiedInt64("timestamp");
        var ttl = p.StringifiedUInt64("ttl");
        if (p.Error is { } typeError)
            return typeError;

        if (!p.Require("timestamp", timestamp))
            return p.Error!;
        if (expiry is not null && ttl is not null)
            return RpcError.BadRequest("Cannot specify both 'expiry' and 'ttl'");
        if (expiry is null && ttl is null)
            return RpcError.BadRequest("Required field 'expiry' or 'ttl' missing");
        var expiryMs = expiry ?? SaturatingAdd(timestamp!.Value, ttl!.Value);
        var pk = p.OneOfAlias("pubkey", pubkeyText, "pubKey", pubKeyAlias);

        StoragePubkey? pubkey;
        RequestSignature? signature = null;
        if (signatureText is not null)
        {
            (pubkey, signature) = p.LoadSignature(pk, pubkeyEd25519, signatureText);
            if (p.LoadSubaccount(subaccount, subaccountSig) is { } signed)
                signature = signature! with { Subaccount = signed };
        }
        else
            pubkey = p.LoadPubkey(pk);
        if (p.Error is { } error)
            return error;

        if (!p.Require("data", data))
            return p.Error!;
        if (!SessionBase64.IsValid(data!))
            return RpcError.BadRequest("Invalid 'data' value: not base64 encoded");
        if (data!.Length > StorageLimits.MaxMessageBase64Chars)
            return RpcError.BadRequest($"Message body exceeds maximum allowed length of {StorageLimits.MaxMessageBytes} bytes");
        return new StoreRequest(pubkey!, ns ?? Namespaces.Default, timestamp!.Value, expiryMs, SessionBase64.Decode(data),
            signature, sigTimestamp ?? timestamp.Value);
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
