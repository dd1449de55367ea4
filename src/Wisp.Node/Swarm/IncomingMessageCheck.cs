using Wisp.Node.Rpc;
using Wisp.Node.Storage;
using Wisp.Protocol.Peering;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Swarm;

/// <summary>
/// What a message handed over by a peer (a fetch answer in catch-up, a push in migration) must pass before it is
/// stored: what a client's store would have to pass here now. Its expiry is at most the namespace's TTL limit
/// (<see cref="StorageLimits.MaxPublicTtlMs"/> for public inboxes, <see cref="StorageLimits.MaxPrivateTtlMs"/> for the
/// rest) from now, its timestamp not in the future; and in a namespace whose stores are signed it carries the owner's
/// <see cref="OwnerStoreSignature"/>, which verifies as a store's (owner or unrevoked subaccount with write access,
/// signed no later than now + 60 s). A swarm peer can then store nothing a client could not.
/// </summary>
public sealed class IncomingMessageCheck(IMessageStore store, TimeProvider time)
{
    /// <summary>The messages that pass, as the store takes them, and how many did not.</summary>
    public async Task<(List<StoredMessage> Accepted, int Refused)> FilterAsync(IEnumerable<PeerMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var accepted = new List<StoredMessage>();
        var refused = 0;
        foreach (var message in messages)
        {
            if (await RefusalAsync(message, now, cancellationToken).ConfigureAwait(false) is null)
                accepted.Add(message.ToStored());
            else
                refused++;
        }
        return (accepted, refused);
    }

    /// <summary>Null when <paramref name="message"/> may be stored at <paramref name="nowMs"/>; else why not.</summary>
    public async ValueTask<string?> RefusalAsync(PeerMessage message, long nowMs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var maxTtl = Namespaces.IsPublicInbox(message.Namespace) ? StorageLimits.MaxPublicTtlMs : StorageLimits.MaxPrivateTtlMs;
        // An expire may have extended a message past its first TTL, but never past the limit from the time it ran.
        if (message.ExpiryMs > nowMs + maxTtl + StorageLimits.StoreFutureToleranceMs)
            return $"expiry is beyond namespace {message.Namespace}'s TTL limit";
        if (message.TimestampMs > nowMs + StorageLimits.StoreFutureToleranceMs)
            return "timestamp is in the future";
        if (!Namespaces.StoreNeedsSignature(message.Namespace))
            return null;
        if (message.OwnerSignature is not { } signed)
            return $"namespace {message.Namespace} needs the owner's store signature";
        if (signed.SignatureTimestampMs > nowMs + StorageLimits.SignatureToleranceMs)
            return "the owner's store signature is from the future";
        if (!StoragePubkey.TryParse(message.Owner, out var owner, out _))
            return "owner is not a key";
        var access = Namespaces.IsPublicOutbox(message.Namespace) ? SubaccountAccess.Write | SubaccountAccess.Delete : SubaccountAccess.Write;
        var valid = await RequestAuth.VerifyAsync(store, owner, signed.ToRequestSignature(), access, skipRevokeCheck: false,
            SignatureStrings.Store(message.Namespace, signed.SignatureTimestampMs), cancellationToken, signed.SignatureTimestampMs).ConfigureAwait(false);
        return valid ? null : "the owner's store signature does not verify";
    }
}
