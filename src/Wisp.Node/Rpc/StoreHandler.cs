using Microsoft.Extensions.Logging;
using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary><c>store</c>: Session's checks (lifetime 403, clock 406, signature 401) in its order, then store and sign the hash.</summary>
internal sealed class StoreHandler(RpcNode node, Recursion recursion, ILogger logger)
{
    public async Task<RpcReply> HandleAsync(StoreRequest request, RpcInvocation invocation, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var publicInbox = Namespaces.IsPublicInbox(request.Namespace);
        var ttl = (Int128)request.ExpiryMs - request.TimestampMs;
        var maxTtl = publicInbox ? StorageLimits.MaxPublicTtlMs : StorageLimits.MaxPrivateTtlMs;
        if (ttl < StorageLimits.MinTtlMs || ttl > maxTtl)
            return RpcReply.Plain(RpcStatus.Forbidden, "Provided expiry/TTL is not valid.");
        var now = node.NowMs();
        if (request.TimestampMs > now + StorageLimits.StoreFutureToleranceMs || request.ExpiryMs < now - StorageLimits.StorePastExpiryToleranceMs)
            return RpcReply.Plain(RpcStatus.NotAcceptable, "Timestamp error: check your clock");
        if (!publicInbox)
        {
            if (request.Signature is not { } signature)
                return RpcReply.Plain(RpcStatus.Unauthorized, $"store: signature required to store to namespace {request.Namespace}");
            if (!RequestAuth.WithinTolerance(request.SignatureTimestampMs, now))
                return RpcReply.Plain(RpcStatus.NotAcceptable, "store signature timestamp too far from current time");
            // A store to a public outbox replaces what is there, so a subaccount needs delete access as well.
            var access = Namespaces.IsPublicOutbox(request.Namespace) ? SubaccountAccess.Write | SubaccountAccess.Delete : SubaccountAccess.Write;
            if (!await RequestAuth.VerifyAsync(node.Store, request.Pubkey, signature, access, skipRevokeCheck: false,
                    SignatureStrings.Store(request.Namespace, request.SignatureTimestampMs), cancellationToken))
                return RpcReply.Plain(RpcStatus.Unauthorized, "store signature verification failed");
        }

        var hash = MessageHash.Compute(request.Pubkey, request.Namespace, request.Data);
        return await recursion.RunAsync(invocation, now, token => StoreAsync(request, hash, invocation.Forwarded ? null : now, token),
            response => RpcReply.Ok(response with { Hash = hash }), cancellationToken);
    }

    /// <summary>This node's entry; a full store or a failing database is Session's <c>query_failure</c>.</summary>
    private async Task<SwarmEntry<StoreEntry>> StoreAsync(StoreRequest request, string hash, long? entryTime, CancellationToken cancellationToken)
    {
        StoreResult stored;
        try
        {
            // The owner's signature is kept where stores are signed, so that peers receiving the message can check it too.
            var ownerSignature = Namespaces.IsPublicInbox(request.Namespace) || request.Signature is null
                ? null
                : Protocol.Peering.OwnerStoreSignature.From(request.Signature, request.SignatureTimestampMs).ToJson();
            var message = new StoredMessage(
                request.Pubkey.Hex, request.Namespace, hash, request.Data, request.TimestampMs, request.ExpiryMs, ownerSignature);
            stored = await node.Store.StoreAsync(message, Namespaces.IsPublicOutbox(request.Namespace), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            StorageRpcLog.StoreFailed(logger, exception);
            return SwarmEntry<StoreEntry>.Failed(SwarmFailure.DatabaseFailed);
        }
        if (stored.Outcome == StoreOutcome.Full)
            return SwarmEntry<StoreEntry>.Failed(SwarmFailure.DatabaseFailed);
        // The node the client called also puts its clock in its own entry (Session's deprecated inner "t").
        return SwarmEntry<StoreEntry>.Of(new StoreEntry(hash, node.SignBase64(NodeSignatureStrings.Store(hash)), stored.ExpiryMs,
            Already: stored.Outcome == StoreOutcome.AlreadyStored, T: entryTime));
    }
}
