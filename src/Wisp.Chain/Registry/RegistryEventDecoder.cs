using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using Wisp.Chain.Contracts;
using Wisp.Crypto.Keys;

namespace Wisp.Chain.Registry;

/// <summary>
/// Decodes the registry contract's logs (with Nethereum's event DTOs) into <see cref="ChainNodeEvent"/>s. Logs of
/// other events (rewards, quorum seals) are skipped: they do not change who is listed.
/// </summary>
internal static class RegistryEventDecoder
{
    /// <summary>The node events among <paramref name="logs"/>, in chain order (block, then index in block).</summary>
    public static List<ChainNodeEvent> Decode(IEnumerable<FilterLog> logs)
    {
        var events = new List<ChainNodeEvent>();
        foreach (var log in logs.OrderBy(l => l.BlockNumber.Value).ThenBy(l => l.LogIndex.Value))
        {
            if (log.Removed)
                continue;
            if (Decode(log) is { } decoded)
                events.Add(decoded);
        }
        return events;
    }

    private static ChainNodeEvent? Decode(FilterLog log)
    {
        var block = (long)log.BlockNumber.Value;
        var hash = log.BlockHash;
        var index = (long)log.LogIndex.Value;
        if (log.IsLogForEvent<NodeJoinedEvent>())
        {
            var e = log.DecodeEvent<NodeJoinedEvent>().Event;
            return new ChainNodeJoined(block, hash, index, new Ed25519PublicKey(e.Ed25519Key), new X25519PublicKey(e.X25519Key),
                e.Operator, e.VoteKey, e.Host, e.Port, e.Ed25519Proof);
        }
        if (log.IsLogForEvent<NodeAddressUpdatedEvent>())
        {
            var e = log.DecodeEvent<NodeAddressUpdatedEvent>().Event;
            return new ChainNodeAddressUpdated(block, hash, index, new Ed25519PublicKey(e.Ed25519Key), e.Host, e.Port);
        }
        if (log.IsLogForEvent<NodeExitRequestedEvent>())
        {
            var e = log.DecodeEvent<NodeExitRequestedEvent>().Event;
            return new ChainNodeStatusChanged(block, hash, index, new Ed25519PublicKey(e.Ed25519Key), ChainNodeStatus.Exiting, (long)e.UnlockBlock);
        }
        if (log.IsLogForEvent<NodeDecommissionedEvent>())
        {
            var e = log.DecodeEvent<NodeDecommissionedEvent>().Event;
            return new ChainNodeStatusChanged(block, hash, index, new Ed25519PublicKey(e.Ed25519Key), ChainNodeStatus.Decommissioned, null);
        }
        if (log.IsLogForEvent<NodeRecommissionedEvent>())
        {
            var e = log.DecodeEvent<NodeRecommissionedEvent>().Event;
            return new ChainNodeStatusChanged(block, hash, index, new Ed25519PublicKey(e.Ed25519Key), ChainNodeStatus.Active, null);
        }
        if (log.IsLogForEvent<NodeDeregisteredEvent>())
        {
            var e = log.DecodeEvent<NodeDeregisteredEvent>().Event;
            return new ChainNodeStatusChanged(block, hash, index, new Ed25519PublicKey(e.Ed25519Key), ChainNodeStatus.Deregistered, (long)e.UnlockBlock);
        }
        if (log.IsLogForEvent<NodeWithdrawnEvent>())
        {
            var e = log.DecodeEvent<NodeWithdrawnEvent>().Event;
            return new ChainNodeWithdrawn(block, hash, index, new Ed25519PublicKey(e.Ed25519Key));
        }
        return null;
    }
}
