using System.Text.Json.Nodes;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary><c>delete</c>, <c>delete_all</c>, <c>delete_before</c>: owner-signed deletions, answered with the node's signed list of what went.</summary>
internal sealed class DeleteHandlers(RpcNode node)
{
    public async Task<RpcResult> DeleteAsync(DeleteRequest request, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var now = node.NowMs();
        if (RequestChecks.SignedBy("delete", request.Pubkey, request.Signature, SignatureStrings.Delete(request.Messages)) is { } error)
            return RpcResult.Fail(error);

        var deleted = Sorted(await node.Store.DeleteAsync(request.Pubkey.Hex, request.Messages, cancellationToken));
        if (request.Required && deleted.Count == 0)
            return RpcResult.Fail(RpcStatus.NotFound, "delete: none of the messages exist here (\"required\": true)");
        var signature = node.SignBase64(NodeSignatureStrings.Delete(request.Pubkey.Hex, request.Messages, deleted));
        return RpcResult.Ok(node.SwarmResult(Deleted(deleted, signature), now));
    }

    public async Task<RpcResult> DeleteAllAsync(DeleteAllRequest request, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var now = node.NowMs();
        var error = RequestChecks.WithinTolerance("delete_all", "timestamp", request.TimestampMs, now, node.SignatureToleranceMs)
            ?? RequestChecks.SignedBy("delete_all", request.Pubkey, request.Signature,
                SignatureStrings.DeleteAll(request.Namespace, request.TimestampMs));
        if (error is not null)
            return RpcResult.Fail(error);

        var deleted = Sorted(await node.Store.DeleteAllAsync(request.Pubkey.Hex, request.Namespace.Single, cancellationToken));
        var signature = node.SignBase64(NodeSignatureStrings.DeleteAll(request.Pubkey.Hex, request.TimestampMs, deleted));
        return RpcResult.Ok(node.SwarmResult(Deleted(deleted, signature), now));
    }

    public async Task<RpcResult> DeleteBeforeAsync(DeleteBeforeRequest request, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var now = node.NowMs();
        if (request.BeforeMs > now + StorageLimits.DeleteBeforeFutureToleranceMs)
        {
            return RpcResult.Fail(RpcStatus.NotAcceptable,
                $"delete_before: params.before is {RequestChecks.Describe(request.BeforeMs - now)} the node's clock "
                + $"(at most {StorageLimits.DeleteBeforeFutureToleranceMs / 1000} s ahead allowed); use the server's \"t\"");
        }
        if (RequestChecks.SignedBy("delete_before", request.Pubkey, request.Signature,
                SignatureStrings.DeleteBefore(request.Namespace, request.BeforeMs)) is { } error)
            return RpcResult.Fail(error);

        var deleted = Sorted(await node.Store.DeleteBeforeAsync(
            request.Pubkey.Hex, request.Namespace.Single, request.BeforeMs, cancellationToken));
        var signature = node.SignBase64(NodeSignatureStrings.DeleteBefore(request.Pubkey.Hex, request.BeforeMs, deleted));
        return RpcResult.Ok(node.SwarmResult(Deleted(deleted, signature), now));
    }

    private static JsonObject Deleted(IReadOnlyList<string> deleted, string signature) => new()
    {
        ["deleted"] = new JsonArray([.. deleted.Select(h => JsonValue.Create(h))]),
        ["signature"] = signature,
    };

    /// <summary>Ordinal (ASCII) order, as Session signs; the store promises sorted output, this makes the signature not depend on it.</summary>
    internal static List<string> Sorted(IEnumerable<string> hashes)
    {
        var list = hashes.ToList();
        list.Sort(StringComparer.Ordinal);
        return list;
    }
}
