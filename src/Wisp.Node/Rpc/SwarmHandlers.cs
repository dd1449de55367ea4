using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary><c>get_swarm</c> and <c>info</c>: unauthenticated questions about the network and this node.</summary>
internal sealed class SwarmHandlers(RpcNode node)
{
    public Task<RpcReply> GetSwarmAsync(GetSwarmRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(RpcReply.Ok(node.SwarmOf(request.Pubkey)));

    public Task<RpcReply> InfoAsync(InfoRequest request, CancellationToken cancellationToken)
    {
        var now = node.NowMs();
        return Task.FromResult(RpcReply.Ok(new InfoResponse(ProtocolVersions.StorageServer, now, now, node.Hf)));
    }
}
