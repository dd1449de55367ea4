using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// One node in <c>get_service_nodes</c>' <c>service_node_states</c>, with the oxend fields a Wisp node can fill (keys
/// ascending): <c>active</c>, <c>funded</c>, <c>public_ip</c>, <c>pubkey_ed25519</c>, <c>pubkey_x25519</c>,
/// <c>registration_height</c>, <c>service_node_pubkey</c> (the Ed25519 key, as for nodes registered since oxend's
/// Ed25519 fork), <c>storage_lmq_port</c>, <c>storage_port</c> (HTTPS), <c>storage_server_version</c>
/// (<c>[major, minor, patch]</c>), <c>swarm</c> (hex) and <c>swarm_id</c> (the same u64 as a number;
/// <see cref="UnassignedSwarmId"/> for a node in no swarm). A null member is a key the query did not ask for.
/// Session's clients read <c>public_ip</c>, <c>storage_port</c>, <c>pubkey_ed25519</c>, <c>pubkey_x25519</c> and
/// (libsession) <c>storage_lmq_port</c>.
/// </summary>
public sealed record ServiceNodeState
{
    /// <summary>oxend's swarm id of a node that is in no swarm (all ones).</summary>
    public const ulong UnassignedSwarmId = ulong.MaxValue;

    /// <summary><c>active</c>.</summary>
    public bool? Active { get; init; }

    /// <summary><c>funded</c>.</summary>
    public bool? Funded { get; init; }

    /// <summary><c>public_ip</c>.</summary>
    public string? PublicIp { get; init; }

    /// <summary><c>pubkey_ed25519</c>, 64 hex.</summary>
    public string? PubkeyEd25519 { get; init; }

    /// <summary><c>pubkey_x25519</c>, 64 hex.</summary>
    public string? PubkeyX25519 { get; init; }

    /// <summary><c>registration_height</c>.</summary>
    public long? RegistrationHeight { get; init; }

    /// <summary><c>service_node_pubkey</c>, 64 hex.</summary>
    public string? ServiceNodePubkey { get; init; }

    /// <summary><c>storage_lmq_port</c>.</summary>
    public int? StorageLmqPort { get; init; }

    /// <summary><c>storage_port</c>.</summary>
    public int? StoragePort { get; init; }

    /// <summary><c>storage_server_version</c>.</summary>
    public ServerVersion? StorageServerVersion { get; init; }

    /// <summary><c>swarm</c>: the swarm id, written in lowercase hex.</summary>
    public ulong? Swarm { get; init; }

    /// <summary><c>swarm_id</c>: the same swarm id as a JSON number.</summary>
    public ulong? SwarmId { get; init; }

    /// <summary>This state with only the fields <paramref name="wants"/> names (oxend's <c>fields</c>).</summary>
    public ServiceNodeState Only(Func<string, bool> wants)
    {
        ArgumentNullException.ThrowIfNull(wants);
        return new ServiceNodeState
        {
            Active = wants("active") ? Active : null,
            Funded = wants("funded") ? Funded : null,
            PublicIp = wants("public_ip") ? PublicIp : null,
            PubkeyEd25519 = wants("pubkey_ed25519") ? PubkeyEd25519 : null,
            PubkeyX25519 = wants("pubkey_x25519") ? PubkeyX25519 : null,
            RegistrationHeight = wants("registration_height") ? RegistrationHeight : null,
            ServiceNodePubkey = wants("service_node_pubkey") ? ServiceNodePubkey : null,
            StorageLmqPort = wants("storage_lmq_port") ? StorageLmqPort : null,
            StoragePort = wants("storage_port") ? StoragePort : null,
            StorageServerVersion = wants("storage_server_version") ? StorageServerVersion : null,
            Swarm = wants("swarm") ? Swarm : null,
            SwarmId = wants("swarm_id") ? SwarmId : null,
        };
    }

    /// <summary>Writes the object, keys ascending.</summary>
    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (Active is { } active) writer.WriteBoolean("active", active);
        if (Funded is { } funded) writer.WriteBoolean("funded", funded);
        if (PublicIp is not null) writer.WriteString("public_ip", PublicIp);
        if (PubkeyEd25519 is not null) writer.WriteString("pubkey_ed25519", PubkeyEd25519);
        if (PubkeyX25519 is not null) writer.WriteString("pubkey_x25519", PubkeyX25519);
        if (RegistrationHeight is { } registered) writer.WriteNumber("registration_height", registered);
        if (ServiceNodePubkey is not null) writer.WriteString("service_node_pubkey", ServiceNodePubkey);
        if (StorageLmqPort is { } lmq) writer.WriteNumber("storage_lmq_port", lmq);
        if (StoragePort is { } port) writer.WriteNumber("storage_port", port);
        if (StorageServerVersion is { } version) RpcJson.WriteVersion(writer, "storage_server_version", version);
        if (Swarm is { } swarm) writer.WriteString("swarm", swarm.ToString("x", CultureInfo.InvariantCulture));
        if (SwarmId is { } id) writer.WriteNumber("swarm_id", id);
        writer.WriteEndObject();
    }

    /// <summary>Reads a node object: every known key that is present with its type; unknown keys are ignored.</summary>
    public static bool TryRead(JsonElement json, [NotNullWhen(true)] out ServiceNodeState? value)
    {
        value = null;
        if (!RpcJson.IsObject(json))
            return false;
        value = new ServiceNodeState
        {
            Active = RpcJson.TryBool(json, "active", out var active) ? active : null,
            Funded = RpcJson.TryBool(json, "funded", out var funded) ? funded : null,
            PublicIp = RpcJson.TryString(json, "public_ip", out var ip) ? ip : null,
            PubkeyEd25519 = RpcJson.TryString(json, "pubkey_ed25519", out var ed) ? ed : null,
            PubkeyX25519 = RpcJson.TryString(json, "pubkey_x25519", out var x) ? x : null,
            RegistrationHeight = RpcJson.TryInt64(json, "registration_height", out var registered) ? registered : null,
            ServiceNodePubkey = RpcJson.TryString(json, "service_node_pubkey", out var key) ? key : null,
            StorageLmqPort = Port(json, "storage_lmq_port"),
            StoragePort = Port(json, "storage_port"),
            StorageServerVersion = RpcJson.TryVersion(json, "storage_server_version", out var version) ? version : null,
            Swarm = RpcJson.TryString(json, "swarm", out var hex)
                && ulong.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var swarm) ? swarm : null,
            SwarmId = json.TryGetProperty("swarm_id", out var id) && id.ValueKind == JsonValueKind.Number && id.TryGetUInt64(out var number)
                ? number : null,
        };
        return true;
    }

    private static int? Port(JsonElement json, string name) =>
        RpcJson.TryInt64(json, name, out var port) && port is >= 0 and <= 65535 ? (int)port : null;
}
