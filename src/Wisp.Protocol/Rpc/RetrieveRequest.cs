using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>retrieve</c>: read the messages of one namespace of an address, newer than <c>last_hash</c>.
/// <list type="bullet">
/// <item><c>pubkey</c> (required; alias <c>pubKey</c>): the 66-hex-character address.</item>
/// <item><c>namespace</c> (optional, default 0).</item>
/// <item><c>last_hash</c> (optional; alias <c>lastHash</c>; "" = absent): the last hash this client has from this node;
/// only later messages are returned (all of them if the node does not know it).</item>
/// <item><c>max_count</c> (optional): at most this many messages (0 = no limit; this node caps at 5,000).</item>
/// <item><c>max_size</c> (optional): at most this many bytes of data; −n means 1/n of 7,800,000; 0 = unset. Default −5
/// when neither is given. At least one message is always returned.</item>
/// <item><c>timestamp</c> (Unix ms, ±60 s else 406), <c>signature</c>, <c>pubkey_ed25519</c>: required except for ns −10 and
/// public outboxes −(20n+1); if sent there they are still checked. Signed: <c>"retrieve" ‖ ns_str ‖ timestamp</c>.</item>
/// <item><c>wisp_wait_ms</c> (optional; <b>a Wisp extension</b>, absent from Session's protocol and never sent by Session
/// clients): when nothing is newer than <c>last_hash</c>, the node holds the request until a message for this pubkey and
/// namespace is committed or this many milliseconds pass (at most <see cref="MaxWispWaitMs"/>; larger values are capped),
/// then answers as usual. A node with no room for another waiter answers at once.</item>
/// </list>
/// Response: <c>{"messages": [{"hash", "timestamp", "expiration", "data"(base64)}], "more": bool, "t"}</c> — the last
/// message's hash is the next <c>last_hash</c>.
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

    /// <summary>How long to wait for a new message when there is none (0: answer at once), already capped.</summary>
    public int WispWaitMs { get; init; }

    /// <summary>Parses <c>params</c>.</summary>
    public static ParseResult<RetrieveRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var pubkey = p.Pubkey(allowLegacyAlias: true);
        var ns = p.Namespace();
        RequestSignature? signature = null;
        long? timestamp = null;
        // Session checks a signature whenever any part of one is sent, even where none is needed; with no part of one
        // the handler decides (401 unless the namespace is readable by anyone).
        var signed = p.Field("signature") is not null || p.Field("timestamp") is not null || p.Field("pubkey_ed25519") is not null;
        if (signed)
        {
            signature = p.Signature(pubkey);
            timestamp = p.Timestamp("timestamp", required: true);
        }
        var lastHash = ReadLastHash(p);
        var maxCount = p.Int32("max_count");
        var maxSize = p.Int32("max_size");
        if (maxCount < 0)
            p.Fail("params.max_count must be zero or a positive number of messages");
        var waitMs = p.Int32(WaitParameter);
        if (waitMs < 0)
            p.Fail($"params.{WaitParameter} must be zero or a positive number of milliseconds (at most {MaxWispWaitMs} are used)");
        if (p.Error is { } error)
            return error;
        return new RetrieveRequest(pubkey!, ns, lastHash, maxCount, maxSize, signature, timestamp)
        {
            WispWaitMs = Math.Min(waitMs ?? 0, MaxWispWaitMs),
        };
    }

    /// <summary>How many messages to read at most (this node's cap applies when max_count is absent or larger).</summary>
    public int EffectiveMaxCount => MaxCount is > 0 and < StorageLimits.RetrieveMaxCount ? MaxCount.Value : StorageLimits.RetrieveMaxCount;

    /// <summary>How many bytes of data to return at most.</summary>
    public long EffectiveMaxSizeBytes => StorageLimits.RetrieveSizeBudget(MaxSize, MaxCount);

    private static string? ReadLastHash(ParamReader p)
    {
        var field = p.Field("last_hash");
        if (p.Field("lastHash") is { } alias)
        {
            if (field is not null)
                return p.Fail<string>("params.last_hash and params.lastHash are the same field; send only last_hash");
            field = alias;
        }
        if (field is not { } value)
            return null;
        if (value.ValueKind != JsonValueKind.String)
            return p.Fail<string>("params.last_hash must be a message hash string");
        var hash = value.GetString()!;
        if (hash.Length == 0)
            return null;
        return MessageHash.IsWellFormed(hash)
            ? hash
            : p.Fail<string>("params.last_hash must be a message hash (43 base64 characters)");
    }

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
