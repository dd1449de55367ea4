using System.Runtime.InteropServices;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary>
/// <c>oxend_request</c>: where Session's storage server asks its oxend, a Wisp node answers from its registry.
/// <c>get_service_nodes</c> lists the registry's active nodes in oxend's format, honouring <c>fields</c>,
/// <c>active_only</c>, <c>limit</c>, <c>service_node_pubkeys</c> and <c>poll_block_hash</c> as oxend does; the registry's
/// version stands in for the chain height and its hash for the block hash. <c>ons_resolve</c> has nothing to ask —
/// Wisp has no name system — and answers as Session does when oxend fails: 400 with the error's text.
/// </summary>
internal sealed class OxendHandler(RpcNode node)
{
    /// <summary>The 400 text of <c>ons_resolve</c>.</summary>
    public const string NoNameSystem = "ons_resolve is not available: this network has no Oxen Name System; share the Account ID instead";

    public Task<RpcReply> HandleAsync(OxendRequest request, CancellationToken cancellationToken)
    {
        if (request.Endpoint != OxendRequest.GetServiceNodes)
            return Task.FromResult(RpcReply.Plain(RpcStatus.BadRequest, NoNameSystem));
        var parsed = ServiceNodeQuery.Parse(request.Params);
        if (parsed.Value is not { } query)
            return Task.FromResult(RpcReply.Plain(parsed.Error!.Status, parsed.Error.Message));
        var result = ServiceNodes(query, node.Listing());
        return Task.FromResult(RpcReply.Ok(new OxendResponse<ServiceNodesResult>(result, node.NowMs(), node.Hf)));
    }

    private ServiceNodesResult ServiceNodes(ServiceNodeQuery query, NodeListing listing)
    {
        var hf = node.Hf;
        var result = new ServiceNodesResult(null)
        {
            BlockHash = query.Wants("block_hash") ? listing.HashHex : null,
            Hardfork = query.Wants("hardfork") ? hf.Major : null,
            Height = query.Wants("height") ? listing.Version : null,
            SnodeRevision = query.Wants("snode_revision") ? hf.Minor : null,
            // oxend's target is the chain height it syncs to, one past the top block; a registry is never behind.
            TargetHeight = query.Wants("target_height") ? listing.Version + 1 : null,
        };
        if (query.PollBlockHash is { } polled)
        {
            if (polled == listing.HashHex)
                return result with { Unchanged = true };
            // A poll that finds a change always learns the new hash, asked for or not.
            result = result with { Unchanged = false, BlockHash = listing.HashHex };
        }
        var states = Choose(Select(listing.Nodes, query), query.Limit)
            .Select(n => State(n).Only(query.Wants))
            .ToList();
        return result with { States = states };
    }

    /// <summary>The nodes asked for: the given keys in their order (unknown ones skipped), else all.</summary>
    private static List<ListedNode> Select(IReadOnlyList<ListedNode> nodes, ServiceNodeQuery query)
    {
        // Every listed node is active (a node that left is no longer listed), so active_only removes none.
        if (query.ServiceNodePubkeys is not { Count: > 0 } keys)
            return [.. nodes];
        var byKey = nodes.ToDictionary(n => n.Member.Ed25519.ToHex(), StringComparer.Ordinal);
        return [.. keys.Where(byKey.ContainsKey).Select(k => byKey[k])];
    }

    /// <summary>oxend's limit: positive, that many at random in random order; negative, all shuffled; 0, all in order.</summary>
    private List<ListedNode> Choose(List<ListedNode> nodes, int limit)
    {
        if (limit == 0)
            return nodes;
        if (limit < 0 || limit >= nodes.Count)
        {
            node.Random.Shuffle(CollectionsMarshal.AsSpan(nodes));
            return nodes;
        }
        // A partial Fisher–Yates: only the first `limit` places are drawn.
        for (var i = 0; i < limit; i++)
        {
            var j = node.Random.Next(i, nodes.Count);
            (nodes[i], nodes[j]) = (nodes[j], nodes[i]);
        }
        return nodes.GetRange(0, limit);
    }

    private static ServiceNodeState State(ListedNode listed)
    {
        var ed25519 = listed.Member.Ed25519.ToHex();
        var swarm = listed.SwarmId ?? ServiceNodeState.UnassignedSwarmId;
        return new ServiceNodeState
        {
            Active = true,
            Funded = true,
            PublicIp = listed.Member.Ip,
            PubkeyEd25519 = ed25519,
            PubkeyX25519 = listed.Member.X25519.ToHex(),
            RegistrationHeight = listed.JoinedAt,
            ServiceNodePubkey = ed25519,
            StorageLmqPort = listed.Member.OmqPort,
            StoragePort = listed.Member.HttpsPort,
            StorageServerVersion = ProtocolVersions.StorageServer,
            Swarm = swarm,
            SwarmId = swarm,
        };
    }
}
