using System.Text.Json.Nodes;
using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary><c>store</c>: checks lifetime, clock and (outside public inboxes) the owner's signature, then stores and signs the hash.</summary>
internal sealed class StoreHandler(RpcNode node)
{
    public async Task<RpcResult> HandleAsync(StoreRequest request, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var now = node.NowMs();
        if (Check(request, now, node.SignatureToleranceMs) is { } error)
            return RpcResult.Fail(error);

        var hash = MessageHash.Compute(request.Pubkey, request.Namespace, request.Data);
        var message = new StoredMessage(request.Pubkey.Hex, request.Namespace, hash, request.Data, request.TimestampMs, request.ExpiryMs);
        var stored = await node.Store.StoreAsync(message, Namespaces.IsPublicOutbox(request.Namespace), cancellationToken);
        if (stored.Outcome == StoreOutcome.Full)
            return RpcResult.Fail(RpcStatus.InsufficientStorage, "store: this node's storage is full; try another node of the swarm");

        var mine = new JsonObject
        {
            ["hash"] = hash,
            ["signature"] = node.SignBase64(NodeSignatureStrings.Store(hash)),
            ["expiry"] = stored.ExpiryMs,
        };
        if (stored.Outcome == StoreOutcome.AlreadyStored)
            mine["already"] = true;
        var body = node.SwarmResult(mine, now);
        // Session also puts the hash at the top level for older clients.
        body["hash"] = hash;
        return RpcResult.Ok(body);
    }

    /// <summary>Lifetime (403), then clock (406), then signature (401): cheapest first.</summary>
    private static RpcError? Check(StoreRequest request, long now, long toleranceMs)
    {
        var ttl = request.ExpiryMs - request.TimestampMs;
        var publicInbox = Namespaces.IsPublicInbox(request.Namespace);
        var maxTtl = publicInbox ? StorageLimits.MaxPublicTtlMs : StorageLimits.MaxPrivateTtlMs;
        if (ttl < StorageLimits.MinTtlMs || ttl > maxTtl)
            return new RpcError(RpcStatus.Forbidden,
                $"store: the message lifetime (expiry − timestamp) is {ttl} ms; namespace {request.Namespace} allows "
                + $"{StorageLimits.MinTtlMs} to {maxTtl} ms");
        if (request.TimestampMs > now + StorageLimits.StoreFutureToleranceMs)
            return new RpcError(RpcStatus.NotAcceptable,
                $"store: params.timestamp is {RequestChecks.Describe(request.TimestampMs - now)} the node's clock "
                + $"(at most {StorageLimits.StoreFutureToleranceMs / 1000} s ahead allowed); check your clock or use the server's \"t\"");
        if (request.ExpiryMs < now - StorageLimits.StorePastExpiryToleranceMs)
            return new RpcError(RpcStatus.NotAcceptable,
                "store: the message has already expired by the node's clock; check your clock or use the server's \"t\"");
        if (publicInbox)
            return null;
        if (request.Signature is not { } signature)
            return new RpcError(RpcStatus.Unauthorized,
                $"store: namespace {request.Namespace} accepts only messages signed by the owner; send signature, sig_timestamp and pubkey_ed25519");
        return RequestChecks.WithinTolerance("store", "sig_timestamp", request.SignatureTimestampMs, now, toleranceMs)
            ?? RequestChecks.SignedBy("store", request.Pubkey,
                signature, SignatureStrings.Store(request.Namespace, request.SignatureTimestampMs));
    }
}
