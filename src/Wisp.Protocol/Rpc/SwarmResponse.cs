using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// The reply to a recursive method (store, delete, delete_all, delete_before, expire, expire_all, revoke_subaccount,
/// unrevoke_subaccount) from the node the client called: <c>{"hf", "swarm": {ed25519_hex: entry}, "t"}</c>, one entry
/// per swarm member (the node itself included), each the member's own signed <typeparamref name="TEntry"/> or a
/// <see cref="SwarmFailure"/>. A store's reply also carries the node's message hash at the top (<see cref="Hash"/>,
/// Session's backwards-compatible copy). The status is 200 whatever the entries say (Session's rule), except a
/// <c>delete</c> with <c>"required": true</c> that deleted nothing anywhere (404, same body).
/// </summary>
/// <remarks>
/// A member that received the request from another member answers Session's non-recursive form instead: its
/// <typeparamref name="TEntry"/> alone, at the top level, without <c>t</c> or <c>hf</c>.
/// </remarks>
public sealed record SwarmResponse<TEntry>(
    IReadOnlyList<KeyValuePair<string, SwarmEntry<TEntry>>> Swarm, long T, HardFork Hf, string? Hash = null)
    : IRpcResponse<SwarmResponse<TEntry>> where TEntry : class, IRpcResponse<TEntry>
{
    /// <summary>The entry of the member with Ed25519 key <paramref name="ed25519Hex"/>, if any.</summary>
    public SwarmEntry<TEntry>? EntryOf(string ed25519Hex) =>
        Swarm.FirstOrDefault(e => string.Equals(e.Key, ed25519Hex, StringComparison.OrdinalIgnoreCase)).Value;

    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (Hash is not null)
            writer.WriteString("hash", Hash);
        RpcJson.WriteHardFork(writer, "hf", Hf);
        writer.WriteStartObject("swarm");
        foreach (var (member, entry) in Swarm.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(member);
            entry.Write(writer);
        }
        writer.WriteEndObject();
        writer.WriteNumber("t", T);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out SwarmResponse<TEntry>? value)
    {
        value = null;
        if (!RpcJson.TryProperty(json, "swarm", out var swarm) || swarm.ValueKind != JsonValueKind.Object
            || !RpcJson.TryInt64(json, "t", out var t) || !RpcJson.TryHardFork(json, "hf", out var hf))
            return false;
        var entries = new List<KeyValuePair<string, SwarmEntry<TEntry>>>();
        foreach (var member in swarm.EnumerateObject())
        {
            if (!SwarmEntry<TEntry>.TryRead(member.Value, out var entry))
                return false;
            entries.Add(KeyValuePair.Create(member.Name, entry));
        }
        RpcJson.TryString(json, "hash", out var hash);
        value = new SwarmResponse<TEntry>(entries, t, hf, hash);
        return true;
    }
}
