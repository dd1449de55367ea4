using Wisp.Crypto.Keys;

namespace Wisp.Client.Conversations;

/// <summary>
/// Disappearing messages: which are due to go and when, deleting them when their time comes, and the hashes of the
/// account's own swarm copies still to be deleted there.
/// </summary>
internal sealed class DisappearingStore(LocalStore db)
{
    /// <summary>Every message with a disappearing time, soonest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<Expiring> Expiring(int limit)
    {
        lock (db.Gate)
        {
            var expiring = new List<Expiring>();
            using var command = db.Command($"""
                SELECT m.id, c.peer, m.expires_at FROM {MessageRows.From}
                WHERE m.expires_at IS NOT NULL ORDER BY m.expires_at, m.rowid LIMIT $limit
                """, ("$limit", limit));
            using var reader = command.ExecuteReader();
            while (reader.Read())
                expiring.Add(new Expiring(reader.GetString(0), AccountId.Parse(reader.GetString(1)), reader.GetInt64(2)));
            return expiring;
        }
    }

    /// <summary>
    /// Deletes the disappearing messages whose time has come (at <paramref name="nowMs"/>). The hashes of incoming ones
    /// are queued to be deleted from the account's swarm too (<see cref="PendingSwarmDeletes"/>). Returns what it deleted.
    /// </summary>
    public IReadOnlyList<Expiring> DeleteExpired(long nowMs)
    {
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            var deleted = new List<Expiring>();
            using (var command = db.Command($"""
                SELECT m.id, c.peer, m.expires_at, m.direction, m.server_hash FROM {MessageRows.From}
                WHERE m.expires_at IS NOT NULL AND m.expires_at <= $now
                """, ("$now", nowMs)))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    deleted.Add(new Expiring(reader.GetString(0), AccountId.Parse(reader.GetString(1)), reader.GetInt64(2)));
                    if (reader.GetString(3) == "in" && !reader.IsDBNull(4))
                        db.Execute("INSERT INTO swarm_deletes (hash, added) VALUES ($hash, $now) ON CONFLICT DO NOTHING",
                            ("$hash", reader.GetString(4)), ("$now", nowMs));
                }
            }
            db.Execute("DELETE FROM messages WHERE expires_at IS NOT NULL AND expires_at <= $now", ("$now", nowMs));
            transaction.Commit();
            return deleted;
        }
    }

    /// <summary>Hashes waiting to be deleted from the account's swarm, oldest first, at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<string> PendingSwarmDeletes(int limit)
    {
        lock (db.Gate)
        {
            var hashes = new List<string>();
            using var command = db.Command("SELECT hash FROM swarm_deletes ORDER BY added, hash LIMIT $limit", ("$limit", limit));
            using var reader = command.ExecuteReader();
            while (reader.Read())
                hashes.Add(reader.GetString(0));
            return hashes;
        }
    }

    /// <summary>Forgets swarm deletes that a node confirmed.</summary>
    public void ForgetSwarmDeletes(IEnumerable<string> hashes)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        lock (db.Gate)
        {
            foreach (var hash in hashes)
                db.Execute("DELETE FROM swarm_deletes WHERE hash = $hash", ("$hash", hash));
        }
    }
}

/// <summary>A disappearing message and when it goes.</summary>
/// <param name="Id">The message's id.</param>
/// <param name="Peer">Its conversation's peer.</param>
/// <param name="ExpiresAtMs">When it is deleted, Unix ms.</param>
internal sealed record Expiring(string Id, AccountId Peer, long ExpiresAtMs);
