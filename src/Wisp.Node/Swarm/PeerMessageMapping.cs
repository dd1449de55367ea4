using Wisp.Node.Storage;
using Wisp.Protocol.Peering;

namespace Wisp.Node.Swarm;

/// <summary>Between the store's messages and the node-to-node wire's <see cref="PeerMessage"/>.</summary>
internal static class PeerMessageMapping
{
    /// <summary>The wire record of a stored message; without data (or the owner's signature) in a listing.</summary>
    public static PeerMessage ToPeer(this PagedMessage paged, bool includeData)
    {
        var message = paged.Message;
        // The owner's signature goes with the data: a listing only names messages.
        var ownerSignature = includeData && message.OwnerSignature is { } kept ? OwnerStoreSignature.Read(kept) : null;
        return new PeerMessage(
            paged.Id, message.Owner, message.Namespace, message.Hash, message.TimestampMs, message.ExpiryMs, includeData ? message.Data : null,
            ownerSignature);
    }

    /// <summary>The message to store for a wire record (empty data for a listed one, which is never stored).</summary>
    public static StoredMessage ToStored(this PeerMessage message) =>
        new(message.Owner, message.Namespace, message.Hash, message.Data ?? [], message.TimestampMs, message.ExpiryMs,
            message.OwnerSignature?.ToJson());

    /// <summary>The key the store finds a wire record's message by.</summary>
    public static MessageKey ToKey(this PeerMessage message) => new(message.Owner, message.Namespace, message.Hash);
}
