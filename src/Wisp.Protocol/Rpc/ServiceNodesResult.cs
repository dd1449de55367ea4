using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// The result of <c>get_service_nodes</c>, in oxend's format (oxen-core <c>core_rpc_server_commands_defs.h</c>
/// <c>GET_SERVICE_NODES</c>): <c>status</c> always <c>"OK"</c>; <c>block_hash</c>, <c>hardfork</c>, <c>height</c>,
/// <c>snode_revision</c> and <c>target_height</c> when the query's fields ask for them; <c>unchanged</c> only when the
/// query polled a block hash; <c>service_node_states</c> unless the poll found nothing changed. A null member is a
/// key the reply leaves out.
/// </summary>
public sealed record ServiceNodesResult(IReadOnlyList<ServiceNodeState>? States) : IRpcResponse<ServiceNodesResult>
{
    /// <summary>oxend's success status.</summary>
    public const string StatusOk = "OK";

    /// <summary><c>status</c>.</summary>
    public string Status { get; init; } = StatusOk;

    /// <summary><c>block_hash</c>: the current block hash, 64 hex.</summary>
    public string? BlockHash { get; init; }

    /// <summary><c>hardfork</c>: the network's major fork version.</summary>
    public int? Hardfork { get; init; }

    /// <summary><c>height</c>: the current top block height.</summary>
    public long? Height { get; init; }

    /// <summary><c>snode_revision</c>: the revision within the fork.</summary>
    public int? SnodeRevision { get; init; }

    /// <summary><c>target_height</c>: the height being synced to.</summary>
    public long? TargetHeight { get; init; }

    /// <summary><c>unchanged</c>: whether the polled block hash is still the current one.</summary>
    public bool? Unchanged { get; init; }

    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (BlockHash is not null) writer.WriteString("block_hash", BlockHash);
        if (Hardfork is { } hardfork) writer.WriteNumber("hardfork", hardfork);
        if (Height is { } height) writer.WriteNumber("height", height);
        if (States is not null)
        {
            writer.WriteStartArray("service_node_states");
            foreach (var state in States)
                state.Write(writer);
            writer.WriteEndArray();
        }
        if (SnodeRevision is { } revision) writer.WriteNumber("snode_revision", revision);
        writer.WriteString("status", Status);
        if (TargetHeight is { } target) writer.WriteNumber("target_height", target);
        if (Unchanged is { } unchanged) writer.WriteBoolean("unchanged", unchanged);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out ServiceNodesResult? value)
    {
        value = null;
        if (!RpcJson.TryString(json, "status", out var status))
            return false;
        List<ServiceNodeState>? states = null;
        if (RpcJson.TryProperty(json, "service_node_states", out var array))
        {
            if (array.ValueKind != JsonValueKind.Array)
                return false;
            states = new List<ServiceNodeState>(array.GetArrayLength());
            foreach (var item in array.EnumerateArray())
            {
                if (!ServiceNodeState.TryRead(item, out var state))
                    return false;
                states.Add(state);
            }
        }
        value = new ServiceNodesResult(states)
        {
            Status = status,
            BlockHash = RpcJson.TryString(json, "block_hash", out var hash) ? hash : null,
            Hardfork = RpcJson.TryInt64(json, "hardfork", out var hf) && hf is >= 0 and <= int.MaxValue ? (int)hf : null,
            Height = RpcJson.TryInt64(json, "height", out var height) ? height : null,
            SnodeRevision = RpcJson.TryInt64(json, "snode_revision", out var revision) && revision is >= 0 and <= int.MaxValue ? (int)revision : null,
            TargetHeight = RpcJson.TryInt64(json, "target_height", out var target) ? target : null,
            Unchanged = RpcJson.TryBool(json, "unchanged", out var unchanged) ? unchanged : null,
        };
        return true;
    }
}
