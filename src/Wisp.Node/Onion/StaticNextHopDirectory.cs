using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Wisp.Crypto.Keys;
using Wisp.Node.NodeLinks;

namespace Wisp.Node.Onion;

/// <summary>
/// A next-hop directory from a list given in code: for a node with no registry (it can still be a destination;
/// every relay to another node answers 502) and for tests, which add nodes once their ports are known.
/// </summary>
public sealed class StaticNextHopDirectory : INextHopDirectory
{
    private readonly ConcurrentDictionary<string, NextHop> _hops = new(StringComparer.Ordinal);
    private volatile bool _ready = true;

    /// <summary>A directory of <paramref name="hops"/> (none by default).</summary>
    public StaticNextHopDirectory(IEnumerable<NextHop>? hops = null)
    {
        foreach (var hop in hops ?? []) Add(hop);
    }

    /// <inheritdoc />
    public bool IsReady => _ready;

    /// <summary>Adds or replaces a node.</summary>
    public void Add(NextHop hop)
    {
        ArgumentNullException.ThrowIfNull(hop);
        _hops[hop.Ed25519.ToHex()] = hop;
    }

    /// <summary>Forgets a node.</summary>
    public bool Remove(Ed25519PublicKey node) => _hops.TryRemove(node.ToHex(), out _);

    /// <summary>Marks the directory ready or not (a node not ready answers every onion request with 503).</summary>
    public void SetReady(bool ready) => _ready = ready;

    /// <inheritdoc />
    public bool TryFind(Ed25519PublicKey node, [NotNullWhen(true)] out NextHop? hop)
    {
        ArgumentNullException.ThrowIfNull(node);
        return _hops.TryGetValue(node.ToHex(), out hop);
    }
}
