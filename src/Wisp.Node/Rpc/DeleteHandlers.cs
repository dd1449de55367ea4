using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary><c>delete</c>, <c>delete_all</c>, <c>delete_before</c>: owner-signed deletions, answered with each member's signed list of what went.</summary>
internal sealed class DeleteHandlers(RpcNode node, Recursion recursion)
{
    public async Task<RpcReply> DeleteAsync(DeleteRequest request, RpcInvocation invocation, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        if (!await RequestAuth.VerifyAsync(node.Store, request.Pubkey, request.Signature, SubaccountAccess.Delete, false,
                SignatureStrings.Delete(request.Messages), cancellationToken))
            return RpcReply.Plain(RpcStatus.Unauthorized, "delete_msgs signature verification failed");

        return await recursion.RunAsync(invocation, node.NowMs(), async token =>
        {
            var deleted = AffectedHashes.Of(await node.Store.DeleteAsync(request.Pubkey.Hex, request.Messages, token));
            var signature = node.SignBase64(NodeSignatureStrings.Delete(request.Pubkey.Hex, request.Messages, deleted.AllSorted));
            return SwarmEntry<DeleteEntry>.Of(new DeleteEntry(deleted, signature));
        }, response => request.Required && !DeletedAnything(response)
            ? RpcReply.Of(RpcStatus.NotFound, response)
            : RpcReply.Ok(response), cancellationToken);
    }

    public async Task<RpcReply> DeleteAllAsync(DeleteAllRequest request, RpcInvocation invocation, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var now = node.NowMs();
        var tolerance = invocation.Forwarded ? StorageLimits.ForwardedSignatureToleranceMs : StorageLimits.SignatureToleranceMs;
        if (!RequestAuth.WithinTolerance(request.TimestampMs, now, tolerance))
            return RpcReply.Plain(RpcStatus.NotAcceptable, "delete_all timestamp too far from current time");
        if (!await RequestAuth.VerifyAsync(node.Store, request.Pubkey, request.Signature, SubaccountAccess.Delete, false,
                SignatureStrings.DeleteAll(request.Namespace, request.TimestampMs), cancellationToken))
            return RpcReply.Plain(RpcStatus.Unauthorized, "delete_all signature verification failed");

        return await recursion.RunAsync(invocation, now, async token =>
        {
            var deleted = Grouped(request.Namespace, await node.Store.DeleteAllAsync(request.Pubkey.Hex, request.Namespace.Single, token));
            var signature = node.SignBase64(NodeSignatureStrings.DeleteAll(request.Pubkey.Hex, request.TimestampMs, deleted.AllSorted));
            return SwarmEntry<DeleteEntry>.Of(new DeleteEntry(deleted, signature));
        }, null, cancellationToken);
    }

    public async Task<RpcReply> DeleteBeforeAsync(DeleteBeforeRequest request, RpcInvocation invocation, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var now = node.NowMs();
        if (request.BeforeMs > now + StorageLimits.DeleteBeforeFutureToleranceMs)
            return RpcReply.Plain(RpcStatus.Unauthorized, "delete_before timestamp too far in the future");
        if (!await RequestAuth.VerifyAsync(node.Store, request.Pubkey, request.Signature, SubaccountAccess.Delete, false,
                SignatureStrings.DeleteBefore(request.Namespace, request.BeforeMs), cancellationToken))
            return RpcReply.Plain(RpcStatus.Unauthorized, "delete_before signature verification failed");

        return await recursion.RunAsync(invocation, now, async token =>
        {
            var deleted = Grouped(request.Namespace,
                await node.Store.DeleteBeforeAsync(request.Pubkey.Hex, request.Namespace.Single, request.BeforeMs, token));
            var signature = node.SignBase64(NodeSignatureStrings.DeleteBefore(request.Pubkey.Hex, request.BeforeMs, deleted.AllSorted));
            return SwarmEntry<DeleteEntry>.Of(new DeleteEntry(deleted, signature));
        }, null, cancellationToken);
    }

    /// <summary>One sorted list for one namespace; per namespace for "all".</summary>
    internal static AffectedHashes Grouped(NamespaceScope scope, IReadOnlyList<NamespacedHash> hashes) =>
        scope.IsAll
            ? AffectedHashes.PerNamespace(hashes.Select(h => (h.Namespace, h.Hash)))
            : AffectedHashes.Of(hashes.Select(h => h.Hash));

    /// <summary>Session's <c>required</c> rule: some member's entry lists a deleted hash.</summary>
    private static bool DeletedAnything(SwarmResponse<DeleteEntry> response) =>
        response.Swarm.Any(entry => entry.Value.Result is { } result && result.Deleted.AllSorted.Count > 0);
}
