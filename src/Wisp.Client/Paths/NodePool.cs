using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Paths;

/// <summary>
/// The nodes the client may build paths from and send requests to: the active nodes of the registry, followed as it
/// changes (every read checks whether the registry moved to a newer snapshot; <see cref="RefreshAsync"/> asks it to
/// look now). The registry is signed by the network's key, so the pool's keys and addresses are trusted as much as
/// that key is. A fixed list (<see cref="FromNodes"/>) serves tools and tests.
/// </summary>
internal sealed class NodePool
{
    private readonly INodeRegistry? _registry;
    private PoolView _view;

    /// <summary>A pool that follows <paramref name="registry"/>.</summary>
    public NodePool(INodeRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _view = PoolView.Of(registry.Current);
    }

    private NodePool(IEnumerable<ServiceNode> nodes) => _view = PoolView.Of(nodes);

    /// <summary>A pool of exactly <paramref name="nodes"/>, which never changes and knows no swarms.</summary>
    public static NodePool FromNodes(IEnumerable<ServiceNode> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return new NodePool(nodes);
    }

    /// <summary>The nodes now, ascending Ed25519 key.</summary>
    public IReadOnlyList<ServiceNode> Nodes => View().Nodes;

    /// <summary>The registry version the pool reflects (0 for a fixed pool).</summary>
    public long Version => View().Snapshot?.Version ?? 0;

    /// <summary>The node with key <paramref name="node"/>, if it is in the pool.</summary>
    public ServiceNode? Find(Ed25519PublicKey node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return View().ByKey.GetValueOrDefault(node);
    }

    /// <summary>True when <paramref name="node"/> is in the pool.</summary>
    public bool Contains(Ed25519PublicKey node) => Find(node) is not null;

    /// <summary>
    /// The members of the swarm that stores <paramref name="pubkey"/>'s messages, from the registry's swarm map; empty
    /// for a fixed pool or an empty registry.
    /// </summary>
    public IReadOnlyList<ServiceNode> SwarmFor(StoragePubkey pubkey)
    {
        ArgumentNullException.ThrowIfNull(pubkey);
        var view = View();
        var swarm = view.Snapshot?.Swarms.SwarmForPrefixedKey(pubkey.Bytes);
        if (swarm is null)
            return [];
        return [.. swarm.Members.Select(view.ByKey.GetValueOrDefault).OfType<ServiceNode>()];
    }

    /// <summary>Asks the registry to check its source now; the pool follows at its next read.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (_registry is not null)
            await _registry.RefreshAsync(cancellationToken).ConfigureAwait(false);
        View();
    }

    private PoolView View()
    {
        var view = Volatile.Read(ref _view);
        if (_registry is null || ReferenceEquals(view.Snapshot, _registry.Current))
            return view;
        var fresh = PoolView.Of(_registry.Current);
        Volatile.Write(ref _view, fresh);
        return fresh;
    }

    /// <summary>One immutable reading of the pool.</summary>
    private sealed record PoolView(RegistrySnapshot? Snapshot, ServiceNode[] Nodes, Dictionary<Ed25519PublicKey, ServiceNode> ByKey)
    {
        public static PoolView Of(RegistrySnapshot snapshot) =>
            Of(snapshot.ActiveNodes.Select(ServiceNode.FromRecord).OfType<ServiceNode>(), snapshot);

        public static PoolView Of(IEnumerable<ServiceNode> nodes, RegistrySnapshot? snapshot = null)
        {
            var byKey = new Dictionary<Ed25519PublicKey, ServiceNode>();
            foreach (var node in nodes)
                byKey[node.Ed25519] = node;
            var sorted = byKey.Values.OrderBy(n => n.Ed25519.ToHex(), StringComparer.Ordinal).ToArray();
            return new PoolView(snapshot, sorted, byKey);
        }
    }
}
