using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>retrieve</c>: read the messages of one namespace of an address, newer than <c>last_hash</c>.
/// <list type="bullet">
/// <item><c>pubkey</c> (required; alias <c>pubKey</c>).</item>
/// <item><c>namespace</c> (optional, default 0).</item>
/// <item><c>last_hash</c> (optional; alias <c>lastHash</c>; "" = absent): 43 base64 characters; only later messages are
/// returned (all of them if this node does not know it).</item>
/// <item><c>max_count</c>, <c>max_size</c> (optional integers; 0 = unset): at most that many messages / bytes, where
/// each message counts 100 + hash length + data size × 4/3; a negative max_size −n means 1/n of 7,800,000; neither
/// given means max_size −5; a negative max_count sets no count limit. At least one message is always returned.</item>
/// <item><c>timestamp</c>, <c>signature</c>, <c>pubkey_ed25519</c>, <c>subaccount</c>/<c>subaccount_sig</c> (read
/// access): required except for ns −10 and public outboxes −(20n+1); checked whenever any of them is sent, or when a
/// namespace that needs them is named. Signed: <c>"retrieve" ‖ ns_str ‖ timestamp</c>, timestamp within ±60 s.</item>
/// <item><c>wisp_wait_ms</c> (optional; <b>a Wisp extension</b>, absent from Session's protocol): when nothing is newer
/// than <c>last_hash</c>, the node holds the request until a message for this pubkey and namespace is committed or this
/// many milliseconds pass (at most <see cref="MaxWispWaitMs"/>), then answers as usual. Anything but a positive integer
/// is ignored, so the field never changes a Session reply.</item>
/// </list>
/// Reply: <see cref="RetrieveResponse"/>.
/// </summary>
public sealed record RetrieveRequest(
    StoragePubkey Pubkey, int Namespace, string? LastHash, int? MaxCount, int? MaxSize,
    RequestSignature? Signature, long? TimestampMs)
{
    /// <summary>The method name.</summary>
    public const string Method = "retrieve";

    /// <summary>The <c>wisp_wait_ms</c> parameter's name (Wisp's waiting retrieve).</summary>
    public const string WaitParameter = "wisp_wait_ms";

    /// <summary>
    /// The longest wait a retrieve may ask for (20 s): below the 28 s each onion hop waits for the next, so a waiting
    /// retrieve through an onion path is answered by its destination, never timed out by a relay.
    /// </summary>
    public const int MaxWispWaitMs = 20_000;

    /// <summary>True when the request is signed (and so must verify), as Session decides it.</summary>
    public bool CheckSignature => Signature is not null;

    /// <summary>How long to wait for a new message when there is none (0: answer at once), already capped.</summary>
    public int WispWaitMs { get; init; }

    /// <summary>Parses <c>params</c> (Session's field order and error texts).</summary>
    public static ParseResult<RetrieveRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var lastHashAlias = p.String("lastHash");
        var lastHash = p.String("last_hash");
        var maxCount = p.Int("max_count");
        var maxSize = p.Int("max_size");
        var ns = p.Namespace("namespace");
        var pubKeyAlias = p.String("pubKey");
        var pubkeyText = p.String("pubkey");
        var pubkeyEd25519 = p.String("pubkey_ed25519");
        var signatureText = p.String("signature");
        var subaccount = p.String("subaccount");
        var subaccountSig = p.String("subaccount_sig");
        var timestamp = p.Timestamp("timestamp");
        if (p.Error is { } typeError)
            return typeError;

        var pk = p.OneOfAlias("pubkey", pubkeyText, "pubKey", pubKeyAlias);
        StoragePubkey? pubkey;
        RequestSignature? signature = null;
        if (pubkeyEd25519 is not null || signatureText is not null || timestamp is not null
            || (ns is { } named && !Namespaces.IsUnauthenticatedRetrieve(named)))
        {
            (pubkey, signature) = p.LoadSignature(pk, pubkeyEd25519, signatureText);
            if (p.LoadSubaccount(subaccount, subaccountSig) is { } signed)
                signature = signature! with { Subaccount = signed };
        }
        else
            pubkey = p.LoadPubkey(pk);
        if (p.Error is { } error)
            return error;

        if (lastHash is not null && lastHashAlias is not null)
            return RpcError.BadRequest("Cannot specify both 'last_hash' and 'lastHash'");
        lastHash ??= lastHashAlias;
        if (lastHash is { Length: 0 })
            lastHash = null;
        else if (lastHash is not null)
        {
            if (lastHash.Length != 43)
                return RpcError.BadRequest("Invalid last_hash: expected base64 (43 chars)");
            if (!SessionBase64.IsValid(lastHash))
                return RpcError.BadRequest("Invalid last_hash: not base64");
        }
        return new RetrieveRequest(pubkey!, ns ?? Namespaces.Default, lastHash, maxCount, maxSize, signature, timestamp)
        {
            WispWaitMs = ReadWait(parameters),
        };
    }

    /// <summary>Session's message limit: null when unset (0) or negative, which set no count limit.</summary>
    public int? EffectiveMaxCount => MaxCount is > 0 ? MaxCount : null;

    /// <summary>Session's size budget in bytes (see the field list).</summary>
    public long EffectiveMaxSizeBytes => StorageLimits.RetrieveSizeBudget(MaxSize, MaxCount);

    private static int ReadWait(JsonElement parameters) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(WaitParameter, out var wait)
        && wait.ValueKind == JsonValueKind.Number && wait.TryGetInt32(out var ms) && ms > 0
            ? Math.Min(ms, MaxWispWaitMs)
            : 0;

    /// <summary>
    /// Writes <c>params</c> as <see cref="Parse"/> reads them; optional fields only when set, and
    /// <c>wisp_wait_ms</c> only for a waiting retrieve, so a plain retrieve is exactly Session's.
    /// </summary>
    public void WriteParams(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("pubkey", Pubkey.Hex);
        writer.WriteNumber("namespace", Namespace);
        if (TimestampMs is { } timestamp)
            writer.WriteNumber("timestamp", timestamp);
        if (Signature is not null)
            RequestBody.WriteSignature(writer, Signature);
        if (LastHash is not null)
            writer.WriteString("last_hash", LastHash);
        if (MaxCount is { } maxCount)
            writer.WriteNumber("max_count", maxCount);
        if (MaxSize is { } maxSize)
            writer.WriteNumber("max_size", maxSize);
        if (WispWaitMs > 0)
            writer.WriteNumber(WaitParameter, WispWaitMs);
        writer.WriteEndObject();
    }

    /// <summary>The request body, <c>{"method": "retrieve", "params": {…}}</c>.</summary>
    public byte[] ToBody() => RequestBody.Serialize(Method, WriteParams);
}
