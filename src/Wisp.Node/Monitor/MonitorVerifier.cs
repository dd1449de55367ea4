using Wisp.Node.Rpc;
using Wisp.Node.Storage;
using Wisp.Protocol.Monitor;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Monitor;

/// <summary>
/// Checks one parsed subscription as Session's <c>handle_monitor_message_single</c> does, in its order: the timestamp
/// window, the account (P converted to its 05 Session ID), the subaccount token (Read access, not revoked, signed by
/// the owner), then the signature, through the storage RPC's own <see cref="RequestAuth"/>.
/// </summary>
internal static class MonitorVerifier
{
    public static async ValueTask<(VerifiedSubscription? Subscription, MonitorReply? Refusal)> VerifyAsync(
        MonitorSubscribeRequest request, IMessageStore store, long nowSeconds, CancellationToken cancellationToken)
    {
        if (request.CheckTimestamp(nowSeconds) is { } stale)
            return (null, stale);
        if (request.ResolveAccount(out var badKey) is not { } account)
            return (null, badKey);
        var signature = new RequestSignature(
            request.Signature, request.SessionEd25519 is { } ed ? new Wisp.Crypto.Keys.Ed25519PublicKey(ed) : null)
        {
            Subaccount = request.Subaccount,
        };
        if (await RequestAuth.VerifyAsync(store, account, signature, SubaccountAccess.Read, skipRevokeCheck: false,
                request.SignedBytes(account), cancellationToken).ConfigureAwait(false))
            return (new VerifiedSubscription(account, request.Namespaces, request.WantData), null);
        if (request.Subaccount is { } subaccount && await SubaccountProblemAsync(store, account, request, subaccount, cancellationToken) is { } problem)
            return (null, MonitorReply.Failure(MonitorResponseCode.BadSignature, "Subaccount verification failed: " + problem));
        return (null, MonitorReply.Failure(MonitorResponseCode.BadSignature, "Signature verification failed"));
    }

    // Only on the failure path: which part of the subaccount's authorisation failed (null: the token is fine, the
    // request's own signature is what failed).
    private static async ValueTask<string?> SubaccountProblemAsync(
        IMessageStore store, StoragePubkey account, MonitorSubscribeRequest request, SignedSubaccount subaccount, CancellationToken cancellationToken)
    {
        var token = subaccount.Token;
        if (!token.AllowsPrefix(account.Prefix))
            return "token is for another prefix";
        if (!token.Has(SubaccountAccess.Read))
            return "token does not grant read access";
        if (await store.SubaccountRevokedAtAsync(account.Hex, token.Bytes.ToArray(), cancellationToken).ConfigureAwait(false) is not null)
            return "token has been revoked";
        if (!Wisp.Crypto.Signing.Ed25519.Verify(request.OwnerKey(), token.Bytes, subaccount.Signature))
            return "invalid subaccount signature";
        return null;
    }
}
