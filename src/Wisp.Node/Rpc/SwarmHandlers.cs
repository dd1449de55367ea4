using System.Text.Json.Nodes;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Rpc;

/// <summary><c>get_swarm</c> and <c>info</c>: unauthenticated questions about the network and this node.</summary>
internal sealed class SwarmHandlers(RpcNode node)
{
    private static readonly int[] Version = VersionOf(typeof(SwarmHandlers).Assembly.GetName().Version);

    public Task<RpcResult> GetSwarmAsync(GetSwarmRequest request, CancellationToken cancellationToken)
    {
        if (node.SwarmBody(request.Pubkey) is not { } body)
            return Task.FromResult(RpcNode.NoSwarms());
        body["t"] = node.NowMs();
        return Task.FromResult(RpcResult.Ok(body));
    }

    public Task<RpcResult> InfoAsync(InfoRequest request, CancellationToken cancellationToken)
    {
        var now = node.NowMs();
        return Task.FromResult(RpcResult.Ok(new JsonObject
        {
            ["version"] = new JsonArray([.. Version.Select(v => JsonValue.Create(v))]),
            ["timestamp"] = now,
            ["t"] = now,
        }));
    }

    private static int[] VersionOf(Version? version) =>
        version is null ? [0, 0, 0] : [version.Major, version.Minor, Math.Max(version.Build, 0)];
}
