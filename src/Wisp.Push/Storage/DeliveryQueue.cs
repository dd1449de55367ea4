using Microsoft.Data.Sqlite;

namespace Wisp.Push.Storage;

/// <summary>A notification waiting for delivery, with what its sender needs.</summary>
internal sealed record PendingDelivery(
    long Id, long SubscriptionId, string Account, string Hash, byte[] Payload, long ExpiryMs, int Attempts,
    string Service, string ServiceId, string? ServiceData);

/// <summary>A delivery that failed for good, kept for the operator.</summary>
internal sealed record DeadLetter(long Id, string Account, string Service, string ServiceId, string Hash, int Attempts, string LastError, long FailedAt);

/// <summary>
/// The delivery queue (rows in <c>deliveries</c>, due at <c>next_attempt</c>, unix ms) and its dead letters. Bounded:
/// past <see cref="Limits.MaxQueuedDeliveries"/> a new notification is a dead letter at once, and only the newest
/// <see cref="Limits.MaxDeadLetters"/> dead letters are kept.
/// </summary>
internal sealed class DeliveryQueue(PushDatabase database, TimeProvider time)
{
    /// <summary>The queue full's reason in a dead letter.</summary>
    public const string QueueFull = "delivery queue full";

    /// <summary>Queues a sealed payload for a subscription inside the caller's transaction; false when the queue was full.</summary>
    public static bool Enqueue(SqliteConnection connection, SqliteTransaction tx, StoredSubscription subscription, string hash, byte[] payload, long expiryMs, long nowMs)
    {
        using var count = PushDatabase.Command(connection, tx, "SELECT COUNT(*) FROM deliveries");
        if ((long)count.ExecuteScalar()! >= Limits.MaxQueuedDeliveries)
        {
            InsertDeadLetter(connection, tx, subscription.Account.Hex, subscription.Service, subscription.ServiceId, hash, 0, QueueFull, nowMs);
            return false;
        }
        using var insert = PushDatabase.Command(connection, tx,
            "INSERT INTO deliveries (subscription, hash, payload, expiry, next_attempt) VALUES ($s, $h, $p, $e, $n)",
            ("$s", subscription.Id), ("$h", hash), ("$p", payload), ("$e", expiryMs), ("$n", nowMs));
        insert.ExecuteNonQuery();
        return true;
    }

    /// <summary>Up to <paramref name="limit"/> deliveries due now, oldest due first.</summary>
    public List<PendingDelivery> Due(int limit) => database.Run((connection, tx) =>
    {
        using var select = PushDatabase.Command(connection, tx, """
            SELECT d.id, d.subscription, s.account, d.hash, d.payload, d.expiry, d.attempts, s.service, s.service_id, s.service_data
            FROM deliveries d JOIN subscriptions s ON s.id = d.subscription
            WHERE d.next_attempt <= $now ORDER BY d.next_attempt, d.id LIMIT $limit
            """, ("$now", time.GetUtcNow().ToUnixTimeMilliseconds()), ("$limit", limit));
        var rows = new List<PendingDelivery>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new PendingDelivery(reader.GetInt64(0), reader.GetInt64(1), Convert.ToHexStringLower((byte[])reader[2]), reader.GetString(3),
                (byte[])reader[4], reader.GetInt64(5), reader.GetInt32(6), reader.GetString(7), reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }
        return rows;
    });

    /// <summary>When the next queued delivery falls due (unix ms); null when the queue is empty.</summary>
    public long? NextDueMs() => database.Run((connection, tx) =>
    {
        using var select = PushDatabase.Command(connection, tx, "SELECT MIN(next_attempt) FROM deliveries");
        return select.ExecuteScalar() is long next ? next : (long?)null;
    });

    /// <summary>Removes a delivered notification.</summary>
    public void Delivered(long id) => database.Run((connection, tx) =>
    {
        using var delete = PushDatabase.Command(connection, tx, "DELETE FROM deliveries WHERE id = $id", ("$id", id));
        return delete.ExecuteNonQuery();
    });

    /// <summary>Records a failed attempt and when to try again.</summary>
    public void Retry(long id, int attempts, long nextAttemptMs, string error) => database.Run((connection, tx) =>
    {
        using var update = PushDatabase.Command(connection, tx,
            "UPDATE deliveries SET attempts = $a, next_attempt = $n, last_error = $e WHERE id = $id",
            ("$a", attempts), ("$n", nextAttemptMs), ("$e", error), ("$id", id));
        return update.ExecuteNonQuery();
    });

    /// <summary>Moves a delivery to the dead letters.</summary>
    public void Kill(PendingDelivery delivery, int attempts, string error) => database.Run((connection, tx) =>
    {
        using var delete = PushDatabase.Command(connection, tx!, "DELETE FROM deliveries WHERE id = $id", ("$id", delivery.Id));
        delete.ExecuteNonQuery();
        InsertDeadLetter(connection, tx!, delivery.Account, delivery.Service, delivery.ServiceId, delivery.Hash, attempts, error,
            time.GetUtcNow().ToUnixTimeMilliseconds());
        return 0;
    }, transaction: true);

    /// <summary>How many deliveries wait.</summary>
    public long Count() => database.Run((connection, tx) =>
    {
        using var count = PushDatabase.Command(connection, tx, "SELECT COUNT(*) FROM deliveries");
        return (long)count.ExecuteScalar()!;
    });

    /// <summary>The dead letters, newest first.</summary>
    public List<DeadLetter> DeadLetters() => database.Run((connection, tx) =>
    {
        using var select = PushDatabase.Command(connection, tx,
            "SELECT id, account, service, service_id, hash, attempts, last_error, failed_at FROM dead_letters ORDER BY id DESC");
        var rows = new List<DeadLetter>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
            rows.Add(new DeadLetter(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetString(6), reader.GetInt64(7)));
        return rows;
    });

    private static void InsertDeadLetter(SqliteConnection connection, SqliteTransaction tx, string account, string service, string serviceId,
        string hash, int attempts, string error, long nowMs)
    {
        using var insert = PushDatabase.Command(connection, tx, """
            INSERT INTO dead_letters (account, service, service_id, hash, attempts, last_error, failed_at) VALUES ($a, $s, $i, $h, $n, $e, $t);
            DELETE FROM dead_letters WHERE id <= (SELECT MAX(id) FROM dead_letters) - $keep;
            """, ("$a", account), ("$s", service), ("$i", serviceId), ("$h", hash), ("$n", attempts), ("$e", error), ("$t", nowMs),
            ("$keep", Limits.MaxDeadLetters));
        insert.ExecuteNonQuery();
    }
}
