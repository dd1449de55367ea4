using Wisp.Client.Live;
using Wisp.Client.Messaging;
using Wisp.Crypto.Keys;
using Wisp.Network.Local;

namespace Wisp.Client.Front;

/// <summary>
/// A read-only view of the network the client is connected to, for a person who wants to see it: every node the signed
/// registry lists, the swarms, the account's own swarm, and the onion path requests take now with the health of its
/// hops. Nothing here changes the network or the client; reading it sends nothing.
/// </summary>
public sealed class ClientNetwork
{
    private readonly Func<LocalNetworkConnection?> _connection;
    private readonly Func<string?> _folder;
    private readonly NetworkHealth _health;
    private readonly AccountId _self;

    internal ClientNetwork(Func<LocalNetworkConnection?> connection, Func<string?> folder, NetworkHealth health, AccountId self) =>
        (_connection, _folder, _health, _self) = (connection, folder, health, self);

    /// <summary>True while the last swarm call reached the network (false too while not connected).</summary>
    public bool Reachable => _connection() is not null && !_health.Unreachable;

    /// <summary>The network as the client sees it now; null while the client is not connected to one.</summary>
    public NetworkView? View()
    {
        if (_connection() is not { } connection)
            return null;
        var (registry, client) = connection.Parts;
        var snapshot = registry.Current;
        var names = NodeNames(_folder());
        var swarms = snapshot.Swarms;
        var nodes = snapshot.AllNodes
            .Select(n => new NetworkNodeView(
                names.GetValueOrDefault(n.Ed25519Key.ToHex()), n.Ed25519Key, $"https://{n.Endpoint}", n.IsActive ? swarms.SwarmOf(n.Ed25519Key)?.Id : null,
                n.IsActive))
            .OrderBy(n => n.Name ?? "\uffff", StringComparer.Ordinal).ThenBy(n => n.Ed25519.ToHex(), StringComparer.Ordinal)
            .ToList();
        var mine = swarms.SwarmForAccount(_self);
        var path = new List<PathHopView>();
        // The path with the fewest failures is the one a request would most likely take; each request picks at random among them.
        if (client.Paths.Current.OrderBy(p => p.Failures).FirstOrDefault() is { } current)
        {
            var reachable = !_health.Unreachable;
            for (var i = 0; i < current.Nodes.Count; i++)
            {
                var hop = current.Nodes[i];
                path.Add(new PathHopView(i == 0 ? PathRole.Guard : PathRole.Relay, names.GetValueOrDefault(hop.Ed25519.ToHex()), hop.Ed25519,
                    reachable && current.Failures == 0));
            }
            // The destination is a member of the account's swarm that is not on the path (requests go to any of them).
            if (mine?.Members.FirstOrDefault(m => !current.Contains(m)) is { } destination)
                path.Add(new PathHopView(PathRole.Destination, names.GetValueOrDefault(destination.ToHex()), destination, reachable));
        }
        return new NetworkView(
            Reachable, nodes, [.. swarms.Swarms.Select(s => new NetworkSwarmView(s.Id, s.Members))], mine?.Id, path, snapshot.Version);
    }

    /// <summary>Node names from the network folder <c>wisp up</c> keeps (empty when it cannot be read: names are only a help).</summary>
    private static Dictionary<string, string> NodeNames(string? folder)
    {
        if (folder is null || !LocalNetwork.TryLoad(folder, out var network, out _))
            return [];
        return network.Nodes.GroupBy(n => n.Ed25519Key.ToHex()).ToDictionary(g => g.Key, g => g.Last().Name, StringComparer.Ordinal);
    }
}

/// <summary>The network as <see cref="ClientNetwork.View"/> sees it.</summary>
/// <param name="Reachable">True while the last swarm call reached the network.</param>
/// <param name="Nodes">Every node the registry lists (left ones too, marked inactive), by name then key.</param>
/// <param name="Swarms">The swarms and their members.</param>
/// <param name="MySwarm">The swarm that stores this account's messages, or null when there is none.</param>
/// <param name="Path">The onion path a request takes now, guard first and the destination last; empty before the first request.</param>
/// <param name="RegistryVersion">The version of the signed registry read.</param>
public sealed record NetworkView(
    bool Reachable, IReadOnlyList<NetworkNodeView> Nodes, IReadOnlyList<NetworkSwarmView> Swarms, ulong? MySwarm, IReadOnlyList<PathHopView> Path,
    long RegistryVersion);

/// <summary>One node of the registry.</summary>
/// <param name="Name">Its name in the local network's folder (<c>node-01</c>), or null when unknown.</param>
/// <param name="Ed25519">Its identity key.</param>
/// <param name="Url">Its HTTPS base URL.</param>
/// <param name="SwarmId">The swarm it serves in, or null (left, or not placed).</param>
/// <param name="Active">False once it left the registry.</param>
public sealed record NetworkNodeView(string? Name, Ed25519PublicKey Ed25519, string Url, ulong? SwarmId, bool Active);

/// <summary>One swarm.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Members">Its nodes' keys.</param>
public sealed record NetworkSwarmView(ulong Id, IReadOnlyList<Ed25519PublicKey> Members);

/// <summary>A hop of the current onion path.</summary>
/// <param name="Role">Guard, relay or destination.</param>
/// <param name="Name">The node's name, or null when unknown.</param>
/// <param name="Ed25519">The node's key.</param>
/// <param name="Healthy">False once requests over the path failed (it is rebuilt after a few failures) or the network is unreachable.</param>
public sealed record PathHopView(PathRole Role, string? Name, Ed25519PublicKey Ed25519, bool Healthy);

/// <summary>What a node does on an onion path.</summary>
public enum PathRole
{
    /// <summary>The first hop, one of the client's two kept guards: the only node that sees the client's address.</summary>
    Guard,
    /// <summary>A middle hop.</summary>
    Relay,
    /// <summary>The node the request is for (a member of the account's swarm), behind the path.</summary>
    Destination,
}
