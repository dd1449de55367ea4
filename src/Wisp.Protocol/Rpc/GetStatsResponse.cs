using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// The answer to <c>GET /get_stats/v1</c>, Session's deprecated stand-in for <c>info</c> that it still serves:
/// <c>{"version": "2.8.0"}</c>, the storage server version (<see cref="ProtocolVersions.StorageServer"/>) as a string.
/// </summary>
public sealed record GetStatsResponse(string Version) : IRpcResponse<GetStatsResponse>
{
    /// <summary>The route, as Session's storage server names it.</summary>
    public const string Route = "/get_stats/v1";

    /// <summary>What every Wisp node answers.</summary>
    public static GetStatsResponse Current { get; } = new(ProtocolVersions.StorageServer.ToString());

    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("version", Version);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out GetStatsResponse? value)
    {
        value = RpcJson.TryString(json, "version", out var version) ? new GetStatsResponse(version) : null;
        return value is not null;
    }
}
