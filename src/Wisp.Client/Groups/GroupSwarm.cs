using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Groups;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Groups;

/// <summary>
/// One group's swarm as this account reaches it: an admin signs with the group's own key, a member with its
/// admin-signed subaccount token (Session's <c>subaccount</c>, <c>subaccount_sig</c>, <c>signature</c>). Every call
/// goes through onion paths (<see cref="SwarmClient"/>).
/// </summary>
internal sealed class GroupSwarm(SwarmClient client, StoragePubkey group, Ed25519KeyPair? admin, byte[]? memberAuth, Ed25519KeyPair me)
{
    /// <summary>The group's storage address (03 …).</summary>
    public StoragePubkey Address => group;

    /// <summary>The network's time, Unix ms.</summary>
    public long NowMs() => client.Clock.NowMs();

    /// <summary>Stores <paramref name="data"/> in namespace <paramref name="ns"/> for <paramref name="ttl"/>.</summary>
    public Task<SwarmResult<StoreReceipt>> StoreAsync(int ns, byte[] data, TimeSpan ttl, CancellationToken cancellationToken) =>
        client.StoreSignedAsync(group, ns, data, ttl, Sign, cancellationToken);

    /// <summary>Retrieves namespace <paramref name="ns"/> after <paramref name="lastHash"/>, preferably from <paramref name="node"/>.</summary>
    public Task<SwarmResult<RetrievedMessages>> RetrieveAsync(int ns, string? lastHash, Ed25519PublicKey? node, CancellationToken cancellationToken) =>
        client.RetrieveSignedAsync(group, ns, lastHash, Sign, node, cancellationToken);

    /// <summary>
    /// A poll's retrieve: as <see cref="RetrieveAsync"/>, asking for at most <see cref="GroupLimits.PollMaxSizeBytes"/>
    /// (the rest comes in further pages), so the node builds the answer without its large-answer gate.
    /// </summary>
    public Task<SwarmResult<RetrievedMessages>> PollAsync(int ns, string? lastHash, Ed25519PublicKey? node, CancellationToken cancellationToken) =>
        client.RetrieveSignedAsync(group, ns, lastHash, Sign, node, cancellationToken, GroupLimits.PollMaxSizeBytes);

    /// <summary>Revokes subaccount tokens (admins only).</summary>
    public Task<SwarmResult<RevokeCount>> RevokeAsync(IReadOnlyList<SubaccountToken> tokens, CancellationToken cancellationToken) =>
        client.RevokeSubaccountsAsync(group, tokens, SignAsAdmin, cancellationToken);

    private RequestSignature Sign(byte[] message)
    {
        if (admin is not null)
            return SignAsAdmin(message);
        if (memberAuth is null)
            throw new InvalidOperationException("This account holds neither the group's key nor a subaccount token for it.");
        var auth = GroupSubaccount.Sign(memberAuth, me, message);
        return new RequestSignature(auth.Signature, null) { Subaccount = new SignedSubaccount(auth.Token, auth.SubaccountSignature) };
    }

    private RequestSignature SignAsAdmin(byte[] message) =>
        admin is null
            ? throw new InvalidOperationException("Only an admin holds the group's key.")
            : new RequestSignature(Ed25519.Sign(admin, message), null);
}
