using System.Text.Json.Nodes;
using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary>
/// <c>retrieve</c>: checks the owner's signature where the namespace needs one, then reads after last_hash. With Wisp's
/// <c>wisp_wait_ms</c> and nothing to return, it waits for the next commit for the address (or the end of the wait),
/// then reads again.
/// </summary>
internal sealed class RetrieveHandler(RpcNode node)
{
    public async Task<RpcResult> HandleAsync(RetrieveRequest request, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var now = node.NowMs();
        if (Check(request, now) is { } error)
            return RpcResult.Fail(error);

        // A waiting retrieve registers before it reads: a message committed after the read still wakes it.
        using var waiter = request.WispWaitMs > 0 ? node.Arrivals?.TryRegister(request.Pubkey.Hex, request.Namespace) : null;
        var result = await ReadAsync(request, now, cancellationToken);
        if (result.Messages.Count == 0 && waiter is not null
            && await waiter.WaitAsync(TimeSpan.FromMilliseconds(request.WispWaitMs), node.Time, cancellationToken))
        {
            now = node.NowMs();
            result = await ReadAsync(request, now, cancellationToken);
        }
        return RpcResult.Ok(new JsonObject
        {
            ["messages"] = RpcJson.Messages(result.Messages),
            ["more"] = result.More,
            ["t"] = now,
        });
    }

    private Task<RetrieveResult> ReadAsync(RetrieveRequest request, long now, CancellationToken cancellationToken) =>
        node.Store.RetrieveAsync(
            request.Pubkey.Hex, request.Namespace, request.LastHash, request.EffectiveMaxCount,
            request.EffectiveMaxSizeBytes, now, cancellationToken);

    private static RpcError? Check(RetrieveRequest request, long now)
    {
        if (request.Signature is not { } signature || request.TimestampMs is not { } timestamp)
        {
            return Namespaces.IsUnauthenticatedRetrieve(request.Namespace)
                ? null
                : new RpcError(RpcStatus.Unauthorized,
                    $"retrieve: namespace {request.Namespace} is readable only by its owner; send timestamp, signature and pubkey_ed25519");
        }
        return RequestChecks.WithinTolerance("retrieve", "timestamp", timestamp, now)
            ?? RequestChecks.SignedBy("retrieve", request.Pubkey, signature, SignatureStrings.Retrieve(request.Namespace, timestamp));
    }
}
