using System.Text;
using Wisp.Crypto;
using Wisp.Crypto.Hashing;
using Wisp.Protocol.Push;
using Wisp.Push.Storage;

namespace Wisp.Push.Delivery;

/// <summary>
/// Takes in messages the nodes reported: for each live subscription of the account that covers the namespace, a
/// sealed notification is queued once — a mark per (service, service id, message hash) drops the copies the other
/// swarm members report — and the node's cursor moves in the same transaction. A restart resumes from the cursor with
/// nothing lost and nothing queued twice.
/// </summary>
internal sealed class NotificationIntake(PushDatabase database, SubscriptionStore subscriptions, TimeProvider time, WakeSignal signal)
{
    /// <summary>Queues the notifications of <paramref name="messages"/> and saves <paramref name="position"/>; how many were queued.</summary>
    public int Accept(IReadOnlyList<ArrivedMessage> messages, StreamPosition? position)
    {
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var maxMarkMs = (now + Limits.MaxDedupLife).ToUnixTimeMilliseconds();
        var queued = database.Run((connection, tx) =>
        {
            var count = 0;
            foreach (var message in messages)
            {
                if (message.Account.Length != 33 || message.Hash.Length is 0 or > PushLimits.MaxMessageHashChars)
                    continue;
                foreach (var subscription in subscriptions.ForAccount(connection, tx, message.Account))
                {
                    if (!subscription.Covers(message.Namespace))
                        continue;
                    using var mark = PushDatabase.Command(connection, tx, "INSERT OR IGNORE INTO notified (mark, expires) VALUES ($m, $e)",
                        ("$m", Mark(subscription, message.Hash)), ("$e", Math.Min(message.ExpiryMs, maxMarkMs)));
                    if (mark.ExecuteNonQuery() == 0)
                        continue;
                    var content = NotificationContent.For(subscription.Account.Hex, message.Hash, message.Namespace, message.TimestampMs,
                        message.ExpiryMs, subscription.WantData, message.Data);
                    var nonce = RandomBytes.Get(NotificationPayload.NonceBytes);
                    var payload = NotificationPayload.Seal(subscription.EncKey, nonce, content);
                    if (DeliveryQueue.Enqueue(connection, tx!, subscription, message.Hash, payload, message.ExpiryMs, nowMs))
                        count++;
                }
            }
            if (position is not null)
            {
                using var cursor = PushDatabase.Command(connection, tx, """
                    INSERT INTO cursors (node, store, cursor) VALUES ($n, $s, $c)
                    ON CONFLICT (node) DO UPDATE SET store = excluded.store, cursor = excluded.cursor
                    """, ("$n", position.Node), ("$s", position.Store), ("$c", position.Cursor));
                cursor.ExecuteNonQuery();
            }
            return count;
        }, transaction: true);
        if (queued > 0) signal.Pulse();
        return queued;
    }

    /// <summary>The saved position of a node's stream; null when none was saved.</summary>
    public StreamPosition? PositionOf(byte[] node) => database.Run((connection, tx) =>
    {
        using var select = PushDatabase.Command(connection, tx, "SELECT store, cursor FROM cursors WHERE node = $n", ("$n", node));
        using var reader = select.ExecuteReader();
        return reader.Read() ? new StreamPosition(node, reader.GetString(0), reader.GetInt64(1)) : null;
    });

    /// <summary>Deletes de-duplication marks whose message has expired; how many went.</summary>
    public int DeleteOldMarks() => database.Run((connection, tx) =>
    {
        using var delete = PushDatabase.Command(connection, tx, "DELETE FROM notified WHERE expires < $now", ("$now", time.GetUtcNow().ToUnixTimeMilliseconds()));
        return delete.ExecuteNonQuery();
    });

    /// <summary>BLAKE2b-256 of service, service id and message hash (SPNS's filter value).</summary>
    private static byte[] Mark(StoredSubscription subscription, string hash) =>
        Blake2b.Hash(Encoding.UTF8.GetBytes($"{subscription.Service}\0{subscription.ServiceId}\0{hash}"), 32);
}
