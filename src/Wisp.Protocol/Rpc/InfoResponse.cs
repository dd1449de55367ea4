using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// The <c>info</c> reply: <c>{"hf", "t", "timestamp", "version"}</c> — the network fork, the node's clock (twice, as
/// Session sends it) and the storage server version (<see cref="ProtocolVersions"/>). Clients sign with this time.
/// </summary>
public sealed record InfoResponse(ServerVersion Version, long Timestamp, long T, HardFork Hf) : IRpcResponse<InfoResponse>
{
    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        RpcJson.WriteHardFork(writer, "hf", Hf);
        writer.WriteNumber("t", T);
        writer.WriteNumber("timestamp", Timestamp);
        RpcJson.WriteVersion(writer, "version", Version);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out InfoResponse? value)
    {
        value = null;
        if (!RpcJson.TryVersion(json, "version", out var version) || !RpcJson.TryInt64(json, "timestamp", out var timestamp)
            || !RpcJson.TryInt64(json, "t", out var t) || !RpcJson.TryHardFork(json, "hf", out var hf))
            return false;
        value = new InfoResponse(version, timestamp, t, hf);
        return true;
    }
}
