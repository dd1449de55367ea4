using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// A swarm member as <c>get_swarm</c> lists it. Session's fields, in its order: <c>address</c> (deprecated:
/// z-base-32 of the legacy key + ".snode"), <c>ip</c>, <c>port</c> (deprecated string copy of <c>port_https</c>),
/// <c>port_https</c>, <c>port_omq</c>, <c>port_quic</c>, <c>pubkey_ed25519</c>, <c>pubkey_legacy</c>,
/// <c>pubkey_x25519</c>. A Wisp node has one Ed25519 key, which is also its legacy key (as for Oxen nodes registered
/// with an Ed25519 key), and speaks no OMQ or QUIC: those ports are 0.
/// </summary>
public sealed record SwarmNodeInfo(string PubkeyEd25519, string PubkeyX25519, string Ip, int PortHttps, int PortOmq = 0)
{
    /// <summary>Writes the member object.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("address", ZBase32.Encode(Convert.FromHexString(PubkeyEd25519)) + ".snode");
        writer.WriteString("ip", Ip);
        writer.WriteString("port", PortHttps.ToString(CultureInfo.InvariantCulture));
        writer.WriteNumber("port_https", PortHttps);
        writer.WriteNumber("port_omq", PortOmq);
        writer.WriteNumber("port_quic", PortOmq);
        writer.WriteString("pubkey_ed25519", PubkeyEd25519);
        writer.WriteString("pubkey_legacy", PubkeyEd25519);
        writer.WriteString("pubkey_x25519", PubkeyX25519);
        writer.WriteEndObject();
    }

    /// <summary>Reads a member object (the fields a client needs).</summary>
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out SwarmNodeInfo? value)
    {
        value = null;
        if (!RpcJson.TryString(json, "pubkey_ed25519", out var ed) || !RpcJson.TryString(json, "pubkey_x25519", out var x)
            || !RpcJson.TryString(json, "ip", out var ip) || !RpcJson.TryInt64(json, "port_https", out var port)
            || port is < 0 or > 65535)
            return false;
        var omq = RpcJson.TryInt64(json, "port_omq", out var o) && o is >= 0 and <= 65535 ? (int)o : 0;
        value = new SwarmNodeInfo(ed, x, ip, (int)port, omq);
        return true;
    }
}

/// <summary>
/// The <c>get_swarm</c> reply (also the body of a 421 for an address this node's swarm does not serve):
/// <c>{"hf", "snodes": [member…], "swarm": swarm id in lowercase hex, "t"}</c>. With no swarm for the address the
/// list is empty and the id is <see cref="InvalidSwarmId"/>.
/// </summary>
public sealed record GetSwarmResponse(IReadOnlyList<SwarmNodeInfo> Snodes, ulong SwarmId, long T, HardFork Hf)
    : IRpcResponse<GetSwarmResponse>
{
    /// <summary>Session's "no swarm" id (all ones), sent when no swarm serves the address.</summary>
    public const ulong InvalidSwarmId = ulong.MaxValue;

    /// <inheritdoc />
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        RpcJson.WriteHardFork(writer, "hf", Hf);
        writer.WriteStartArray("snodes");
        foreach (var node in Snodes)
            node.Write(writer);
        writer.WriteEndArray();
        writer.WriteString("swarm", SwarmId.ToString("x", CultureInfo.InvariantCulture));
        writer.WriteNumber("t", T);
        writer.WriteEndObject();
    }

    /// <inheritdoc />
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out GetSwarmResponse? value)
    {
        value = null;
        if (!RpcJson.TryProperty(json, "snodes", out var snodes) || snodes.ValueKind != JsonValueKind.Array
            || !RpcJson.TryString(json, "swarm", out var swarmHex)
            || !ulong.TryParse(swarmHex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var swarmId)
            || !RpcJson.TryInt64(json, "t", out var t) || !RpcJson.TryHardFork(json, "hf", out var hf))
            return false;
        var nodes = new List<SwarmNodeInfo>();
        foreach (var item in snodes.EnumerateArray())
        {
            if (!SwarmNodeInfo.TryRead(item, out var node))
                return false;
            nodes.Add(node);
        }
        value = new GetSwarmResponse(nodes, swarmId, t, hf);
        return true;
    }
}
