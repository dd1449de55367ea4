using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Network.Swarms;

namespace Wisp.Network.Registry;

/// <summary>
/// The registry as of one version: who the active nodes are and where to reach them, the swarms, and the full
/// ordered history (so anyone can replay the assignment and check it). Immutable.
/// </summary>
public sealed class RegistrySnapshot
{
    private readonly RegistryVersion[] _history;
    private readonly NodeRecord[] _allNodes;
    private readonly byte[] _signature;
    private readonly Dictionary<Ed25519PublicKey, NodeRecord> _byKey;

    internal RegistrySnapshot(Ed25519PublicKey registryKey, RegistryVersion[] history, NodeRecord[] allNodesSorted, SwarmMap swarms, byte[] signature)
    {
        RegistryKey = registryKey;
        _history = history;
        _allNodes = allNodesSorted;
        _signature = signature;
        Swarms = swarms;
        _byKey = allNodesSorted.ToDictionary(n => n.Ed25519Key);
        ActiveNodes = Array.FindAll(allNodesSorted, n => n.IsActive);
    }

    /// <summary>The registry's Ed25519 key: the network's authority, which signs every version.</summary>
    public Ed25519PublicKey RegistryKey { get; }

    /// <summary>The version number; 0 for an empty registry.</summary>
    public long Version => _history.Length;

    /// <summary>The version's hash; <see cref="RegistryHash.Zero"/> for an empty registry.</summary>
    public RegistryHash Hash => _history.Length == 0 ? RegistryHash.Zero : _history[^1].Hash;

    /// <summary>When the newest version was made, or null for an empty registry.</summary>
    public DateTimeOffset? Time => _history.Length == 0 ? null : _history[^1].Time;

    /// <summary>Every version, oldest first.</summary>
    public IReadOnlyList<RegistryVersion> History => _history;

    /// <summary>Nodes that have joined and not left, ascending Ed25519 key.</summary>
    public IReadOnlyList<NodeRecord> ActiveNodes { get; }

    /// <summary>Every node that ever joined (its latest record), ascending Ed25519 key.</summary>
    public IReadOnlyList<NodeRecord> AllNodes => _allNodes;

    /// <summary>The swarms at this version.</summary>
    public SwarmMap Swarms { get; }

    /// <summary>The registry key's signature over this version's head (see <see cref="RegistryEncoding.EncodeSignedHead"/>).</summary>
    public ReadOnlySpan<byte> Signature => _signature;

    /// <summary>The record of <paramref name="node"/> (active or not), or null if it never joined.</summary>
    public NodeRecord? FindNode(Ed25519PublicKey node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _byKey.GetValueOrDefault(node);
    }

    /// <summary>True when <see cref="Signature"/> is the registry key's signature of this head.</summary>
    public bool HasValidSignature() =>
        Ed25519.Verify(RegistryKey, RegistryEncoding.EncodeSignedHead(RegistryKey, Version, Hash), _signature);

    public override string ToString() => $"registry version {Version} ({Hash}), {ActiveNodes.Count} active nodes, {Swarms.SwarmIds.Count} swarms";
}
