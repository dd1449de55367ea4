using Wisp.Client.Paths;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Swarm;

/// <summary>
/// A swarm a node named for an address (in a 421, or a <c>get_swarm</c> answer), checked against the registry before
/// the client uses it. A node is a stranger to the client: taken on its word, a 421 could steer an account's stores and
/// retrieves to nodes of the sender's choosing (its friends in another swarm, who keep or drop what they like). So only
/// nodes the registry lists AND places in that address's swarm are kept; when the node named any other, the client
/// refreshes the registry (its own map may be the stale one) and checks again against the fresh map.
/// </summary>
internal static class NamedSwarm
{
    /// <summary>The members of <paramref name="named"/> the registry lists and places in <paramref name="pubkey"/>'s swarm.</summary>
    public static IReadOnlyList<ServiceNode> Vetted(GetSwarmResponse? named, StoragePubkey pubkey, NodePool pool)
    {
        ArgumentNullException.ThrowIfNull(pubkey);
        ArgumentNullException.ThrowIfNull(pool);
        if (named is null)
            return [];
        var placed = pool.SwarmFor(pubkey).Select(n => n.Ed25519).ToHashSet();
        return [.. SwarmReplies.Members(named, pool).Where(n => placed.Contains(n.Ed25519))];
    }

    /// <summary>
    /// Takes the swarm a 421 named for <paramref name="pubkey"/>: the vetted members are remembered in
    /// <paramref name="swarms"/> (so they are tried first); when the node named any node outside the registry's swarm
    /// for the address, the registry is refreshed and the names checked again. With nothing vetted, what was remembered
    /// is forgotten and the registry's own swarm is used. Returns the members remembered (empty: none).
    /// </summary>
    public static async Task<IReadOnlyList<ServiceNode>> LearnAsync(
        GetSwarmResponse? named, StoragePubkey pubkey, NodePool pool, SwarmCache swarms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(swarms);
        var vetted = Vetted(named, pubkey, pool);
        if (named is null || vetted.Count < named.Snodes.Count)
        {
            await pool.RefreshAsync(cancellationToken).ConfigureAwait(false);
            vetted = Vetted(named, pubkey, pool);
        }
        swarms.Remember(pubkey, vetted);
        return vetted;
    }
}
