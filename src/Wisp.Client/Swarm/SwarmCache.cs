using System.Collections.Concurrent;
using Wisp.Client.Paths;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Swarm;

/// <summary>
/// Swarms the client learned from nodes (a <c>get_swarm</c> answer, or the swarm a 421 named), by address. They
/// take precedence over the registry's swarm map: a node that answered 421 knows the swarms at least as recently as
/// the client. A caller may seed it from swarms it stored earlier. Bounded: past
/// <see cref="MaxEntries"/> addresses it starts over.
/// </summary>
internal sealed class SwarmCache
{
    /// <summary>Addresses remembered at most (10,000): a client follows a handful; a bound keeps a misbehaving caller from growing it forever.</summary>
    public const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, IReadOnlyList<ServiceNode>> _swarms = new(StringComparer.Ordinal);

    /// <summary>The swarm remembered for <paramref name="pubkey"/>, if any.</summary>
    public IReadOnlyList<ServiceNode>? Find(StoragePubkey pubkey)
    {
        ArgumentNullException.ThrowIfNull(pubkey);
        return _swarms.GetValueOrDefault(pubkey.Hex);
    }

    /// <summary>Remembers <paramref name="members"/> as <paramref name="pubkey"/>'s swarm (an empty list forgets it).</summary>
    public void Remember(StoragePubkey pubkey, IReadOnlyList<ServiceNode> members)
    {
        ArgumentNullException.ThrowIfNull(pubkey);
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
        {
            _swarms.TryRemove(pubkey.Hex, out _);
            return;
        }
        if (_swarms.Count >= MaxEntries)
            _swarms.Clear();
        _swarms[pubkey.Hex] = [.. members];
    }
}
