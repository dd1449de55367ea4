using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;
using Wisp.Protocol.History;

namespace Wisp.Client.History;

/// <summary>
/// The history logs' tables (migration 16): logs, their blocks (encrypted under the data key), tree nodes and signed
/// heads, and what replication refused. Callers hold <see cref="LocalStore.Gate"/> around a unit of work.
/// </summary>
internal sealed class HistoryStore(LocalStore db)
{
    /// <summary>The shared connection.</summary>
    public LocalStore Db { get; } = db;

    /// <summary>Every log held, own first.</summary>
    public List<HistoryLogRow> List()
    {
        lock (Db.Gate)
        {
            using var command = Db.Command("SELECT log_id FROM history_logs ORDER BY own DESC, owner, conversation;");
            using var reader = command.ExecuteReader();
            var ids = new List<byte[]>();
            while (reader.Read())
                ids.Add((byte[])reader[0]);
            reader.Close();
            return [.. ids.Select(id => Find(id)!)];
        }
    }

    /// <summary>The log with id <paramref name="logId"/>, or null.</summary>
    public HistoryLogRow? Find(byte[] logId)
    {
        lock (Db.Gate)
        {
            using var command = Db.Command("""
                SELECT manifest, own, length, head_hash, head_signature, seen_length, seen_hash, seen_signature, seen_from, imported, refused,
                       head_length
                FROM history_logs WHERE log_id = $id
                """, ("$id", logId));
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return null;
            var manifest = LogManifest.Decode((byte[])reader[0]);
            var length = (ulong)reader.GetInt64(2);
            SignedTreeHead? head = reader.IsDBNull(3) ? null : new(logId, (ulong)reader.GetInt64(11), (byte[])reader[3], (byte[])reader[4]);
            SignedTreeHead? seen = reader.IsDBNull(6) ? null : new(logId, (ulong)reader.GetInt64(5), (byte[])reader[6], (byte[])reader[7]);
            return new HistoryLogRow(
                manifest, reader.GetInt64(1) == 1, length, head, seen, reader.IsDBNull(8) ? null : reader.GetString(8),
                (ulong)reader.GetInt64(9), reader.IsDBNull(10) ? null : reader.GetString(10));
        }
    }

    /// <summary>The id of this device's own log of the conversation with <paramref name="peer"/>, or null.</summary>
    public byte[]? OwnLogOf(AccountId peer)
    {
        lock (Db.Gate)
            return Db.Scalar("SELECT log_id FROM history_logs WHERE own = 1 AND conversation = $c", ("$c", peer.Hex)) as byte[];
    }

    /// <summary>Adds a log (own with its key seed, or a replica) unless it is known.</summary>
    public void AddLog(LogManifest manifest, ReadOnlySpan<byte> ownKeySeed, long nowMs)
    {
        var logId = manifest.LogId;
        lock (Db.Gate)
        {
            byte[]? key = ownKeySeed.IsEmpty ? null : ClientSchema.HistoryLogKey.Encrypt(Db.Key, Convert.ToHexStringLower(logId), ownKeySeed);
            Db.Execute("""
                INSERT OR IGNORE INTO history_logs (log_id, manifest, owner, conversation, own, log_key, updated_at)
                VALUES ($id, $manifest, $owner, $conversation, $own, $key, $now)
                """,
                ("$id", logId), ("$manifest", manifest.Encode()), ("$owner", manifest.Owner.Hex),
                ("$conversation", manifest.Conversation.Hex), ("$own", key is null ? 0 : 1), ("$key", key), ("$now", nowMs));
        }
    }

    /// <summary>An own log's key pair, or null when the log is not this device's.</summary>
    public Ed25519KeyPair? OwnKey(byte[] logId)
    {
        lock (Db.Gate)
        {
            if (Db.Scalar("SELECT log_key FROM history_logs WHERE log_id = $id AND own = 1", ("$id", logId)) is not byte[] stored)
                return null;
            if (!ClientSchema.HistoryLogKey.TryDecrypt(Db.Key, Convert.ToHexStringLower(logId), stored, out var seed))
                throw new InvalidOperationException("the history log key does not decrypt under this profile's data key.");
            try { return Ed25519KeyPair.FromSeed(seed); }
            finally { System.Security.Cryptography.CryptographicOperations.ZeroMemory(seed); }
        }
    }

    /// <summary>The tree nodes of a log, read and written in the open transaction.</summary>
    public ITreeNodes Nodes(byte[] logId) => new SqliteTreeNodes(Db, logId);

    /// <summary>Block <paramref name="block"/> of a log, or null when not held.</summary>
    public byte[]? Block(byte[] logId, ulong block)
    {
        lock (Db.Gate)
        {
            if (Db.Scalar("SELECT data FROM history_blocks WHERE log_id = $id AND block = $b", ("$id", logId), ("$b", (long)block)) is not byte[] stored)
                return null;
            return ClientSchema.HistoryBlock.TryDecrypt(Db.Key, BlockKey(logId, block), stored, out var data)
                ? data
                : throw new InvalidOperationException("a history block does not decrypt under this profile's data key.");
        }
    }

    /// <summary>Blocks <c>[start, start + count)</c>; fewer when the log ends sooner.</summary>
    public List<byte[]> Blocks(byte[] logId, ulong start, int count)
    {
        var blocks = new List<byte[]>();
        for (var i = 0UL; i < (ulong)count && Block(logId, start + i) is { } block; i++)
            blocks.Add(block);
        return blocks;
    }

    /// <summary>Stores block <paramref name="block"/> and its tree nodes (call inside a transaction).</summary>
    public void PutBlock(byte[] logId, ulong block, byte[] data)
    {
        Db.Execute("INSERT OR REPLACE INTO history_blocks (log_id, block, data) VALUES ($id, $b, $data)",
            ("$id", logId), ("$b", (long)block), ("$data", ClientSchema.HistoryBlock.Encrypt(Db.Key, BlockKey(logId, block), data)));
    }

    /// <summary>Records that <paramref name="length"/> blocks are held, and with them <paramref name="head"/> when given.</summary>
    public void SetHeld(byte[] logId, ulong length, SignedTreeHead? head, long nowMs)
    {
        Db.Execute("UPDATE history_logs SET length = $l, updated_at = $now WHERE log_id = $id", ("$l", (long)length), ("$now", nowMs), ("$id", logId));
        if (head is not null && head.Length <= length)
            Db.Execute("UPDATE history_logs SET head_length = $l, head_hash = $h, head_signature = $s WHERE log_id = $id AND head_length <= $l",
                ("$l", (long)head.Length), ("$h", head.TreeHash), ("$s", head.Signature), ("$id", logId));
    }

    /// <summary>Records a verified head longer than any seen before.</summary>
    public void SetSeen(SignedTreeHead head, string from, long nowMs) =>
        Db.Execute("""
            UPDATE history_logs SET seen_length = $l, seen_hash = $h, seen_signature = $s, seen_from = $from, updated_at = $now
            WHERE log_id = $id AND seen_length <= $l
            """,
            ("$l", (long)head.Length), ("$h", head.TreeHash), ("$s", head.Signature), ("$from", from), ("$now", nowMs), ("$id", head.LogId));

    /// <summary>Marks <paramref name="count"/> blocks of a replica as taken into conversations.</summary>
    public void SetImported(byte[] logId, ulong count) =>
        Db.Execute("UPDATE history_logs SET imported = $n WHERE log_id = $id", ("$n", (long)count), ("$id", logId));

    /// <summary>Stops trusting a log (a fork): its blocks stay for inspection, nothing more is taken or served.</summary>
    public void Refuse(byte[] logId, string reason) =>
        Db.Execute("UPDATE history_logs SET refused = $r WHERE log_id = $id AND refused IS NULL", ("$r", reason), ("$id", logId));

    /// <summary>Records what a peer sent that was refused.</summary>
    public void Report(byte[]? logId, string peer, string reason, long nowMs)
    {
        lock (Db.Gate)
            Db.Execute("INSERT INTO history_refusals (log_id, peer, reason, at) VALUES ($id, $peer, $reason, $at)",
                ("$id", logId), ("$peer", peer), ("$reason", reason), ("$at", nowMs));
    }

    /// <summary>The refusals recorded, newest first.</summary>
    public List<(string Peer, string Reason, long At)> Refusals(int max = 50)
    {
        lock (Db.Gate)
        {
            using var command = Db.Command("SELECT peer, reason, at FROM history_refusals ORDER BY id DESC LIMIT $max", ("$max", max));
            using var reader = command.ExecuteReader();
            var list = new List<(string, string, long)>();
            while (reader.Read())
                list.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2)));
            return list;
        }
    }

    private static string BlockKey(byte[] logId, ulong block) => $"{Convert.ToHexStringLower(logId)}/{block}";

    private sealed class SqliteTreeNodes(LocalStore db, byte[] logId) : ITreeNodes
    {
        public TreeNode? Get(ulong index)
        {
            using var command = db.Command("SELECT size, hash FROM history_nodes WHERE log_id = $id AND idx = $i", ("$id", logId), ("$i", (long)index));
            using var reader = command.ExecuteReader();
            return reader.Read() ? new TreeNode(index, (ulong)reader.GetInt64(0), (byte[])reader[1]) : null;
        }

        public void Put(TreeNode node) =>
            db.Execute("INSERT OR REPLACE INTO history_nodes (log_id, idx, size, hash) VALUES ($id, $i, $s, $h)",
                ("$id", logId), ("$i", (long)node.Index), ("$s", (long)node.Size), ("$h", node.Hash));
    }
}
