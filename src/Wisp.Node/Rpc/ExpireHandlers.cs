using System.Text.Json.Nodes;
using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary><c>expire</c>, <c>expire_all</c>, <c>get_expiries</c>: owner-signed expiry changes and reads.</summary>
internal sealed class ExpireHandlers(RpcNode node)
{
    public async Task<RpcResult> ExpireAsync(ExpireRequest request, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var now = node.NowMs();
        if (request.ExpiryMs < now - StorageLimits.SignatureToleranceMs)
            return RpcResult.Fail(RpcStatus.NotAcceptable, PastExpiry("expire", request.ExpiryMs, now));
        if (RequestChecks.SignedBy("expire", request.Pubkey, request.Signature,
                SignatureStrings.Expire(request.Constraint, request.ExpiryMs, request.Messages)) is { } error)
            return RpcResult.Fail(error);

        // Later than the private maximum is capped, not refused (Session's rule); the applied value is what the node signs.
        var applied = Math.Min(request.ExpiryMs, now + StorageLimits.MaxPrivateTtlMs);
        var mode = request.Constraint switch
        {
            ExpireConstraint.ShortenOnly => ExpireMode.ShortenOnly,
            ExpireConstraint.ExtendOnly => ExpireMode.ExtendOnly,
            _ => ExpireMode.Set,
        };
        var changes = await node.Store.ExpireAsync(request.Pubkey.Hex, request.Messages, applied, mode, cancellationToken);
        var updated = DeleteHandlers.Sorted(changes.Where(c => c.Value.Changed).Select(c => c.Key));
        var unchanged = changes.Where(c => !c.Value.Changed)
            .Select(c => KeyValuePair.Create(c.Key, c.Value.ExpiryMs))
            .OrderBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
        var constrained = request.Constraint != ExpireConstraint.None;
        // Session lists (and signs) unchanged messages only when shorten or extend was asked for.
        var signedUnchanged = constrained ? unchanged : [];

        var mine = new JsonObject
        {
            ["expiry"] = applied,
            ["updated"] = new JsonArray([.. updated.Select(h => JsonValue.Create(h))]),
        };
        if (constrained)
            mine["unchanged"] = new JsonObject(signedUnchanged.Select(u => KeyValuePair.Create(u.Key, (JsonNode?)JsonValue.Create(u.Value))));
        mine["signature"] = node.SignBase64(
            NodeSignatureStrings.Expire(request.Pubkey.Hex, applied, request.Messages, updated, signedUnchanged));
        return RpcResult.Ok(node.SwarmResult(mine, now));
    }

    public async Task<RpcResult> ExpireAllAsync(ExpireAllRequest request, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var now = node.NowMs();
        if (request.ExpiryMs < now - StorageLimits.SignatureToleranceMs)
            return RpcResult.Fail(RpcStatus.NotAcceptable, PastExpiry("expire_all", request.ExpiryMs, now));
        if (RequestChecks.SignedBy("expire_all", request.Pubkey, request.Signature,
                SignatureStrings.ExpireAll(request.Namespace, request.ExpiryMs)) is { } error)
            return RpcResult.Fail(error);

        var updated = DeleteHandlers.Sorted(await node.Store.ExpireAllAsync(
            request.Pubkey.Hex, request.Namespace.Single, request.ExpiryMs, cancellationToken));
        var mine = new JsonObject
        {
            ["updated"] = new JsonArray([.. updated.Select(h => JsonValue.Create(h))]),
            ["signature"] = node.SignBase64(NodeSignatureStrings.ExpireAll(request.Pubkey.Hex, request.ExpiryMs, updated)),
        };
        return RpcResult.Ok(node.SwarmResult(mine, now));
    }

    public async Task<RpcResult> GetExpiriesAsync(GetExpiriesRequest request, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var now = node.NowMs();
        var error = RequestChecks.WithinTolerance("get_expiries", "timestamp", request.TimestampMs, now)
            ?? RequestChecks.SignedBy("get_expiries", request.Pubkey, request.Signature,
                SignatureStrings.GetExpiries(request.TimestampMs, request.Messages));
        if (error is not null)
            return RpcResult.Fail(error);

        var expiries = await node.Store.GetExpiriesAsync(request.Pubkey.Hex, request.Messages, cancellationToken);
        var body = new JsonObject();
        foreach (var (hash, expiry) in expiries.OrderBy(e => e.Key, StringComparer.Ordinal))
            body[hash] = expiry;
        return RpcResult.Ok(new JsonObject { ["expiries"] = body, ["t"] = now });
    }

    private static string PastExpiry(string method, long expiryMs, long now) =>
        $"{method}: params.expiry is {RequestChecks.Describe(expiryMs - now)} the node's clock; it must not be more than "
        + $"{StorageLimits.SignatureToleranceMs / 1000} s in the past (use the server's \"t\")";
}
