namespace Wisp.Client.Conversations;

/// <summary>
/// What the poller remembers between runs: where retrieving left off at each node (<c>poll_state</c>) and every message
/// hash taken from the account's swarm (<c>seen_hashes</c>), so nothing is processed twice, whichever node or process
/// fetched it.
/// </summary>
internal sealed class PollStateStore(LocalStore db)
{
    /// <summary>
    /// Remembers a swarm message's hash until <paramref name="swarmExpiryMs"/>: true the first time, false when it was
    /// seen before.
    /// </summary>
    public bool MarkSeen(string serverHash, long swarmExpiryMs)
    {
        ArgumentNullException.ThrowIfNull(serverHash);
        lock (db.Gate)
        {
            return db.Execute("INSERT INTO seen_hashes (hash, expires_at) VALUES ($hash, $expires) ON CONFLICT (hash) DO NOTHING",
                ("$hash", serverHash), ("$expires", swarmExpiryMs)) == 1;
        }
    }

    /// <summary>True when the hash was taken from the swarm before.</summary>
    public bool WasSeen(string serverHash)
    {
        lock (db.Gate)
            return db.Scalar("SELECT 1 FROM seen_hashes WHERE hash = $hash", ("$hash", serverHash)) is not null;
    }

    /// <summary>Forgets hashes whose swarm copy has expired (they cannot come back).</summary>
    public void ForgetExpired(long nowMs)
    {
        lock (db.Gate)
            db.Execute("DELETE FROM seen_hashes WHERE expires_at <= $now", ("$now", nowMs));
    }

    /// <summary>Where retrieving from <paramref name="node"/> left off in namespace <paramref name="ns"/>, or null.</summary>
    public string? LastHash(string node, int ns)
    {
        lock (db.Gate)
            return db.Scalar("SELECT last_hash FROM poll_state WHERE node = $node AND namespace = $ns", ("$node", node), ("$ns", ns)) as string;
    }

    /// <summary>Records where retrieving from <paramref name="node"/> left off.</summary>
    public void SetLastHash(string node, int ns, string lastHash)
    {
        lock (db.Gate)
        {
            db.Execute("""
                INSERT INTO poll_state (node, namespace, last_hash) VALUES ($node, $ns, $hash)
                ON CONFLICT (node, namespace) DO UPDATE SET last_hash = excluded.last_hash
                """, ("$node", node), ("$ns", ns), ("$hash", lastHash));
        }
    }
}
