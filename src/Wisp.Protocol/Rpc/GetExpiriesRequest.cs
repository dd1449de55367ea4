using System.Text.Json;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// <c>get_expiries</c>: the current expiries of named messages.
/// <list type="bullet">
/// <item><c>pubkey</c> (required), <c>pubkey_ed25519</c> (05 accounts).</item>
/// <item><c>messages</c> (required): one or more 43-character message hashes.</item>
/// <item><c>timestamp</c> (required): Unix ms, within ±60 s of the node (else 406).</item>
/// <item><c>signature</c> (required): of <c>"get_expiries" ‖ timestamp ‖ messages₀ ‖ …</c>.</item>
/// </list>
/// Response: <c>{"expiries": {hash: expiry_ms}, "t"}</c> with only the messages that exist.
/// </summary>
public sealed record GetExpiriesRequest(StoragePubkey Pubkey, IReadOnlyList<string> Messages, long TimestampMs, RequestSignature Signature)
{
    /// <summary>The method name.</summary>
    public const string Method = "get_expiries";

    /// <summary>Parses <c>params</c>.</summary>
    public static ParseResult<GetExpiriesRequest> Parse(JsonElement parameters)
    {
        var p = new ParamReader(parameters);
        var pubkey = p.Pubkey();
        var signature = p.Signature(pubkey);
        var messages = p.Hashes("messages");
        var timestamp = p.Timestamp("timestamp", required: true);
        if (p.Error is { } error)
            return error;
        return new GetExpiriesRequest(pubkey!, messages!, timestamp!.Value, signature!);
    }
}
