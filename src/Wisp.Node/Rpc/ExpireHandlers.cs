using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary><c>expire</c>, <c>expire_all</c>, <c>get_expiries</c>: owner-signed expiry changes and reads, as Session answers them.</summary>
internal sealed class ExpireHandlers(RpcNode node, Recursion recursion)
{
    public async Task<RpcReply> ExpireAsync(ExpireRequest request, RpcInvocation invocation, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var now = node.NowMs();
        var applied = new List<long>(request.ExpiriesMs.Count);
        foreach (var expiry in request.ExpiriesMs)
        {
            if (expiry < now - StorageLimits.SignatureToleranceMs)
                return RpcReply.Plain(RpcStatus.Unauthorized, "expire: timestamp should be >= current time");
            // Later than the private maximum is capped, not refused; the applied value is what the node signs.
            applied.Add(Math.Min(now + StorageLimits.MaxPrivateTtlMs, expiry));
        }
        if (!await RequestAuth.VerifyAsync(node.Store, request.Pubkey, request.Signature, SubaccountAccess.Write, false,
                SignatureStrings.Expire(request.Constraint, request.ExpiriesMs, request.Messages), cancellationToken))
            return RpcReply.Plain(RpcStatus.Unauthorized, "expire: signature verification failed");

        var mode = request.Constraint switch
        {
            ExpireConstraint.ShortenOnly => ExpireMode.ShortenOnly,
            ExpireConstraint.ExtendOnly => ExpireMode.ExtendOnly,
            _ => ExpireMode.Set,
        };
        if (request.Signature.Subaccount is { } subaccount && !subaccount.Token.Has(SubaccountAccess.Delete))
        {
            // Shortening an expiry is almost a delete: without delete access a subaccount may only extend.
            if (mode == ExpireMode.ShortenOnly)
                return RpcReply.Plain(RpcStatus.BadRequest,
                    "expire: shorten parameter cannot be used with this subaccount token (missing delete access)");
            mode = ExpireMode.ExtendOnly;
        }
        return await recursion.RunAsync(invocation, now, token => ApplyAsync(request, applied, mode, token), null, cancellationToken);
    }

    private async Task<SwarmEntry<ExpireEntry>> ApplyAsync(
        ExpireRequest request, List<long> applied, ExpireMode mode, CancellationToken cancellationToken)
    {
        var targets = request.Messages.Select((hash, i) => new ExpiryTarget(hash, applied[request.IsMultiExpiry ? i : 0])).ToList();
        var changes = await node.Store.ExpireAsync(request.Pubkey.Hex, targets, mode, cancellationToken);
        var updated = changes.Where(c => c.Value.Changed).OrderBy(c => c.Key, StringComparer.Ordinal).ToList();
        var updatedHashes = updated.Select(u => u.Key).ToList();
        // Session lists (and signs) the messages left alone only when shorten or extend was asked for.
        List<KeyValuePair<string, long>>? unchanged = request.Constraint == ExpireConstraint.None
            ? null
            : [.. changes.Where(c => !c.Value.Changed).Select(c => KeyValuePair.Create(c.Key, c.Value.ExpiryMs))
                .OrderBy(c => c.Key, StringComparer.Ordinal)];
        // One requested expiry: the one applied, even if nothing moved. Several: the applied expiry of each updated hash.
        IReadOnlyList<long> expiries = request.IsMultiExpiry ? [.. updated.Select(u => u.Value.ExpiryMs)] : [applied[0]];
        var signature = node.SignBase64(NodeSignatureStrings.Expire(
            request.Pubkey.Hex, expiries, request.Messages, updatedHashes, unchanged ?? []));
        return SwarmEntry<ExpireEntry>.Of(new ExpireEntry(expiries, request.IsMultiExpiry, updatedHashes, unchanged, signature));
    }

    public async Task<RpcReply> ExpireAllAsync(ExpireAllRequest request, RpcInvocation invocation, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        var now = node.NowMs();
        var tolerance = invocation.Forwarded ? StorageLimits.ForwardedSignatureToleranceMs : StorageLimits.SignatureToleranceMs;
        if (request.ExpiryMs < now - tolerance)
            return RpcReply.Plain(RpcStatus.NotAcceptable, "expire_all timestamp should be >= current time");
        if (!await RequestAuth.VerifyAsync(node.Store, request.Pubkey, request.Signature, SubaccountAccess.Delete, false,
                SignatureStrings.ExpireAll(request.Namespace, request.ExpiryMs), cancellationToken))
            return RpcReply.Plain(RpcStatus.Unauthorized, "expire_all signature verification failed");

        return await recursion.RunAsync(invocation, now, async token =>
        {
            var updated = DeleteHandlers.Grouped(request.Namespace,
                await node.Store.ExpireAllAsync(request.Pubkey.Hex, request.Namespace.Single, request.ExpiryMs, token));
            var signature = node.SignBase64(NodeSignatureStrings.ExpireAll(request.Pubkey.Hex, request.ExpiryMs, updated.AllSorted));
            return SwarmEntry<ExpireAllEntry>.Of(new ExpireAllEntry(updated, signature));
        }, null, cancellationToken);
    }

    public async Task<RpcReply> GetExpiriesAsync(GetExpiriesRequest request, CancellationToken cancellationToken)
    {
        if (node.MisdirectedUnlessServed(request.Pubkey) is { } misdirected)
            return misdirected;
        if (!RequestAuth.WithinTolerance(request.TimestampMs, node.NowMs()))
            return RpcReply.Plain(RpcStatus.NotAcceptable, "get_expiries timestamp too far from current time");
        if (!await RequestAuth.VerifyAsync(node.Store, request.Pubkey, request.Signature, SubaccountAccess.Read, false,
                SignatureStrings.GetExpiries(request.TimestampMs, request.Messages), cancellationToken))
            return RpcReply.Plain(RpcStatus.Unauthorized, "get_expiries signature verification failed");

        var expiries = await node.Store.GetExpiriesAsync(request.Pubkey.Hex, request.Messages, cancellationToken);
        return RpcReply.Ok(new GetExpiriesResponse([.. expiries]));
    }
}
