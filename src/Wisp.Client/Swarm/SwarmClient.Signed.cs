using Wisp.Crypto.Keys;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Swarm;

/// <summary>
/// Calls on an address the account does not own with its own key, such as a group (03): the caller signs the signed
/// string itself (the group's key for an admin, a subaccount token's key for a member), so the same calls serve both.
/// </summary>
internal sealed partial class SwarmClient
{
    /// <summary>Stores <paramref name="data"/> in namespace <paramref name="ns"/> of <paramref name="pubkey"/>, signed by <paramref name="sign"/>.</summary>
    public async Task<SwarmResult<StoreReceipt>> StoreSignedAsync(
        StoragePubkey pubkey, int ns, ReadOnlyMemory<byte> data, TimeSpan ttl, Func<byte[], RequestSignature> sign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pubkey);
        ArgumentNullException.ThrowIfNull(sign);
        CheckNamespace(ns);
        if (data.Length > StorageLimits.MaxMessageBytes)
            throw new ArgumentException($"A message is at most {StorageLimits.MaxMessageBytes} bytes; this one is {data.Length}.", nameof(data));
        var ttlMs = (long)ttl.TotalMilliseconds;
        var hash = MessageHash.Compute(pubkey, ns, data.Span);
        var call = await _caller.CallAsync<SwarmResponse<StoreEntry>>(
            pubkey, () =>
            {
                var now = Clock.NowMs();
                return new StoreRequest(pubkey, ns, now, now + ttlMs, data.ToArray(), sign(SignatureStrings.Store(ns, now)), now).ToBody();
            }, r => r.T, preferred: null, cancellationToken).ConfigureAwait(false);
        return Finish(call, reply => SwarmReplies.Store(reply, hash, Pool));
    }

    /// <summary>
    /// Retrieves namespace <paramref name="ns"/> of <paramref name="pubkey"/> after <paramref name="lastHash"/>, signed by
    /// <paramref name="sign"/>; the answer capped at <paramref name="maxSize"/> (Session's <c>max_size</c>) when given.
    /// </summary>
    public async Task<SwarmResult<RetrievedMessages>> RetrieveSignedAsync(
        StoragePubkey pubkey, int ns, string? lastHash, Func<byte[], RequestSignature> sign, Ed25519PublicKey? node, CancellationToken cancellationToken,
        int? maxSize = null)
    {
        ArgumentNullException.ThrowIfNull(pubkey);
        ArgumentNullException.ThrowIfNull(sign);
        CheckNamespace(ns);
        var call = await _caller.CallAsync<RetrieveResponse>(
            pubkey, () =>
            {
                var now = Clock.NowMs();
                return new RetrieveRequest(pubkey, ns, lastHash, null, maxSize, sign(SignatureStrings.Retrieve(ns, now)), now).ToBody();
            }, r => r.T, node, cancellationToken).ConfigureAwait(false);
        return Finish(call, reply => SwarmReplies.Retrieve(reply, call.Info.Destination!));
    }

    /// <summary>Adds <paramref name="tokens"/> to <paramref name="pubkey"/>'s revocation list (signed by the owner, <paramref name="sign"/>); the value is how many nodes answered.</summary>
    public async Task<SwarmResult<RevokeCount>> RevokeSubaccountsAsync(
        StoragePubkey pubkey, IReadOnlyList<SubaccountToken> tokens, Func<byte[], RequestSignature> sign, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pubkey);
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count is 0 or > RevokeSubaccountRequest.MaxTokens)
            throw new ArgumentException($"Revoke 1 to {RevokeSubaccountRequest.MaxTokens} tokens at once.", nameof(tokens));
        var call = await _caller.CallAsync<SwarmResponse<RevokeEntry>>(
            pubkey, () =>
            {
                var now = Clock.NowMs();
                var signature = sign(SignatureStrings.RevokeSubaccount(RevokeSubaccountRequest.RevokeMethod, now, tokens));
                return new RevokeSubaccountRequest(pubkey, tokens, now, signature, Unrevoke: false).ToBody();
            }, r => r.T, preferred: null, cancellationToken).ConfigureAwait(false);
        return Finish(call, reply => new RevokeCount(reply.Swarm.Count));
    }
}

/// <summary>How many of the swarm's nodes answered a revocation.</summary>
internal sealed record RevokeCount(int Nodes);
