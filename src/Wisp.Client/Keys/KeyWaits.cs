using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Keys;

/// <summary>
/// Messages queued while the recipient's keys were missing or expired (libsession's "awaiting keys"): each holds a v1
/// payload, the fallback, and waits for one fetch of the recipient's keys before its first attempt. A fetch that finds
/// keys seals it again in v2 (new payload, new hash); any other outcome releases it as it is. The content waits in
/// <c>key_waits</c>, encrypted, so a restart in between loses nothing.
/// </summary>
internal sealed class KeyWaits(LocalStore db, ContactKeys contacts, Func<AccountId, byte[], byte[]?> sealV2)
{
    /// <summary>Records that message <paramref name="messageId"/> waits for keys, with its Content protobuf.</summary>
    public void Add(string messageId, byte[] content)
    {
        lock (db.Gate)
            db.Execute("INSERT OR REPLACE INTO key_waits (message, content) VALUES ($id, $content)",
                ("$id", messageId), ("$content", ClientSchema.KeyWaitContent.Encrypt(db.Key, messageId, content)));
    }

    /// <summary>
    /// Before an outbox attempt: for a waiting message, fetches the recipient's keys and seals it in v2 when they are
    /// found; returns the item to store (changed or not).
    /// </summary>
    public async Task<OutboxItem> PrepareAsync(OutboxItem item, CancellationToken cancellationToken)
    {
        if (Waiting(item.Id) is not { } content)
            return item;
        await contacts.FetchAsync(item.Peer, cancellationToken).ConfigureAwait(false);
        if (cancellationToken.IsCancellationRequested)
            return item; // stopping: the next run fetches again
        var upgraded = contacts.Lookup(item.Peer).Usable is not null ? sealV2(item.Peer, content) : null;
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            db.Execute("DELETE FROM key_waits WHERE message = $id", ("$id", item.Id));
            if (upgraded is not null)
            {
                var hash = MessageHash.Compute(StoragePubkey.FromBytes(item.Peer.Bytes), Namespaces.Default, upgraded);
                db.Execute("UPDATE messages SET payload = $payload, server_hash = $hash, sealing = 'v2' WHERE id = $id AND status = 'pending'",
                    ("$payload", upgraded), ("$hash", hash), ("$id", item.Id));
                item = item with { Payload = upgraded, ServerHash = hash };
            }
            transaction.Commit();
        }
        return item;
    }

    private byte[]? Waiting(string messageId)
    {
        lock (db.Gate)
        {
            return db.Scalar("SELECT content FROM key_waits WHERE message = $id", ("$id", messageId)) is byte[] stored
                   && ClientSchema.KeyWaitContent.TryDecrypt(db.Key, messageId, stored, out var content)
                ? content
                : null;
        }
    }
}
