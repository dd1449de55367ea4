using Microsoft.Extensions.Logging;
using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary>
/// <c>retrieve</c>: Session's checks (signature required 401, clock 406, signature 401), its limits, then a read after
/// last_hash. With Wisp's <c>wisp_wait_ms</c> and nothing to return, it waits for the next commit for the address (or
/// the end of the wait), then reads again — when <see cref="MessageArrivals"/> has a fair place for the caller's
/// wait; otherwise it answers at once.
/// </summary>
internal sealed class RetrieveHandler(RpcNode node, ILogger logger)
{
    public async Task<RpcReply> HandleAsync(RetrieveRequest request, RpcCaller caller, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var now = node.NowMs();
        if (!Namespaces.IsUnauthenticatedRetrieve(request.Namespace) && !request.CheckSignature)
            return RpcReply.Plain(RpcStatus.Unauthorized, "retrieve: request signature required");
        if (request.Signature is { } signature)
        {
            if (request.TimestampMs is not { } timestamp || !RequestAuth.WithinTolerance(timestamp, now))
                return RpcReply.Plain(RpcStatus.NotAcceptable, "retrieve timestamp too far from current time");
            if (!await RequestAuth.VerifyAsync(node.Store, request.Pubkey, signature, SubaccountAccess.Read,
                    skipRevokeCheck: Namespaces.IsUnrevocable(request.Namespace),
                    SignatureStrings.Retrieve(request.Namespace, timestamp), cancellationToken))
                return RpcReply.Plain(RpcStatus.Unauthorized, "retrieve signature verification failed");
        }

        // A waiting retrieve registers before it reads: a message committed after the read still wakes it. With no place
        // left for it (node, unsigned share, address or account full) it is a plain retrieve.
        using var waiter = request.WispWaitMs > 0
            ? node.Arrivals?.TryRegister(request.Pubkey.Hex, request.Namespace, WaitClaims.For(caller, request))
            : null;
        var result = await ReadAsync(request, now, cancellationToken);
        if (result is null)
            return Failed(request.Pubkey);
        if (result.Messages.Count == 0 && waiter is not null
            && await waiter.WaitAsync(TimeSpan.FromMilliseconds(request.WispWaitMs), node.Time, cancellationToken))
        {
            now = node.NowMs();
            result = await ReadAsync(request, now, cancellationToken);
            if (result is null)
                return Failed(request.Pubkey);
        }
        return RpcReply.Ok(new RetrieveResponse(result.Messages, result.More, now, node.Hf));
    }

    private async Task<RetrieveResult?> ReadAsync(RetrieveRequest request, long now, CancellationToken cancellationToken)
    {
        try
        {
            return await node.Store.RetrieveAsync(
                request.Pubkey.Hex, request.Namespace, request.LastHash, request.EffectiveMaxCount,
                request.EffectiveMaxSizeBytes, now, cancellationToken);
        }
        catch (Exception exception) when (exception is not (OperationCanceledException or ObjectDisposedException))
        {
            StorageRpcLog.RetrieveFailed(logger, exception);
            return null;
        }
    }

    /// <summary>Session's 500 for a failed read, naming the account as it does: first two key bytes … last byte.</summary>
    private static RpcReply Failed(StoragePubkey pubkey)
    {
        var key = Convert.ToHexStringLower(pubkey.Key);
        return RpcReply.Plain(RpcStatus.InternalServerError,
            $"Internal Server Error. Could not retrieve messages for {key[..4]}…{key[^2..]}");
    }
}
