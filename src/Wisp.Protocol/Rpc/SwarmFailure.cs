using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// A swarm member's entry in a recursive reply when it did not carry the request out (Session's failure entries):
/// <c>{"failed": true}</c> with one of <c>"timeout": true</c> (no answer in time), <c>"code"</c> + <c>"reason"</c>
/// (the member refused: its status and body), <c>"bad_peer_response": true</c> (an unreadable answer) or
/// <c>"query_failure": true</c> (its database failed, e.g. storage full).
/// </summary>
/// <remarks>
/// Session writes <c>code</c> as a string of digits (it is the first part of the peer's reply message, <c>"401"</c>);
/// so does Wisp. Reading accepts a string or a number.
/// </remarks>
public sealed record SwarmFailure(
    bool Timeout = false, int? Code = null, string? Reason = null, bool BadPeerResponse = false, bool QueryFailure = false)
    : IRpcResponse<SwarmFailure>
{
    /// <summary><c>{"failed": true, "timeout": true}</c>.</summary>
    public static SwarmFailure TimedOut { get; } = new(Timeout: true);

    /// <summary><c>{"bad_peer_response": true, "failed": true}</c>.</summary>
    public static SwarmFailure BadResponse { get; } = new(BadPeerResponse: true);

    /// <summary><c>{"failed": true, "query_failure": true}</c>.</summary>
    public static SwarmFailure DatabaseFailed { get; } = new(QueryFailure: true);

    /// <summary>The member refused with <paramref name="code"/>; <paramref name="reason"/> is its reply body.</summary>
    public static SwarmFailure Refused(int code, string reason) => new(Code: code, Reason: reason);

    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (BadPeerResponse)
            writer.WriteBoolean("bad_peer_response", true);
        if (Code is { } code)
            writer.WriteString("code", code.ToString(CultureInfo.InvariantCulture));
        writer.WriteBoolean("failed", true);
        if (QueryFailure)
            writer.WriteBoolean("query_failure", true);
        if (Reason is not null)
            writer.WriteString("reason", Reason);
        if (Timeout)
            writer.WriteBoolean("timeout", true);
        writer.WriteEndObject();
    }

    /// <summary>True when <paramref name="json"/> is an object with <c>"failed"</c> (Session checks only that the key exists).</summary>
    public static bool IsFailure(JsonElement json) => RpcJson.TryProperty(json, "failed", out _);

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out SwarmFailure? value)
    {
        value = null;
        if (!IsFailure(json))
            return false;
        int? code = null;
        if (RpcJson.TryProperty(json, "code", out var codeField))
        {
            if (codeField.ValueKind == JsonValueKind.Number && codeField.TryGetInt32(out var number))
                code = number;
            else if (codeField.ValueKind == JsonValueKind.String
                && int.TryParse(codeField.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
                code = parsed;
            else
                return false;
        }
        RpcJson.TryString(json, "reason", out var reason);
        value = new SwarmFailure(
            Timeout: RpcJson.TryBool(json, "timeout", out var timeout) && timeout,
            Code: code,
            Reason: reason,
            BadPeerResponse: RpcJson.TryBool(json, "bad_peer_response", out var bad) && bad,
            QueryFailure: RpcJson.TryBool(json, "query_failure", out var query) && query);
        return true;
    }
}
