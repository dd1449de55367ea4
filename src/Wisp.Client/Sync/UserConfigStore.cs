using Wisp.Client.Conversations;
using Wisp.Client.LocalData;

namespace Wisp.Client.Sync;

/// <summary>
/// The user configs' rows (migration 13): each config's dump, the local view of the last sync, and sent-message copies
/// waiting for the own swarm. Dumps and the view are encrypted under the account's data key.
/// </summary>
internal sealed class UserConfigStore(LocalStore db)
{
    private const string ViewKey = "view";

    /// <summary>The dump of the config in namespace <paramref name="ns"/>, or null when there is none yet.</summary>
    public byte[]? Dump(int ns)
    {
        lock (db.Gate)
        {
            var stored = db.Scalar("SELECT dump FROM user_configs WHERE namespace = $ns", ("$ns", ns)) as byte[];
            return stored is not null && ClientSchema.UserConfigDump.TryDecrypt(db.Key, Row(ns), stored, out var plain) ? plain : null;
        }
    }

    /// <summary>Keeps the dump of the config in namespace <paramref name="ns"/>.</summary>
    public void SetDump(int ns, byte[] dump, long nowMs)
    {
        lock (db.Gate)
        {
            db.Execute("""
                INSERT INTO user_configs (namespace, dump, updated) VALUES ($ns, $dump, $now)
                ON CONFLICT (namespace) DO UPDATE SET dump = excluded.dump, updated = excluded.updated
                """, ("$ns", ns), ("$dump", ClientSchema.UserConfigDump.Encrypt(db.Key, Row(ns), dump)), ("$now", nowMs));
        }
    }

    /// <summary>The local view kept at the last sync (serialized), or null before the first.</summary>
    public byte[]? View()
    {
        lock (db.Gate)
        {
            var stored = db.Scalar("SELECT local_view FROM user_config_view WHERE key = $key", ("$key", ViewKey)) as byte[];
            return stored is not null && ClientSchema.UserConfigView.TryDecrypt(db.Key, ViewKey, stored, out var plain) ? plain : null;
        }
    }

    /// <summary>Keeps the local view of this sync.</summary>
    public void SetView(byte[] view)
    {
        lock (db.Gate)
        {
            db.Execute("""
                INSERT INTO user_config_view (key, local_view) VALUES ($key, $view)
                ON CONFLICT (key) DO UPDATE SET local_view = excluded.local_view
                """, ("$key", ViewKey), ("$view", ClientSchema.UserConfigView.Encrypt(db.Key, ViewKey, view)));
        }
    }

    /// <summary>Queues a sent-message copy for the own swarm.</summary>
    public void AddCopy(byte[] payload, long deadlineMs)
    {
        lock (db.Gate)
            db.Execute("INSERT INTO sync_copies (payload, deadline) VALUES ($payload, $deadline)", ("$payload", payload), ("$deadline", deadlineMs));
    }

    /// <summary>Copies still worth storing at <paramref name="nowMs"/>, oldest first (expired ones are dropped).</summary>
    public IReadOnlyList<(long Id, byte[] Payload)> DueCopies(long nowMs, int limit)
    {
        lock (db.Gate)
        {
            db.Execute("DELETE FROM sync_copies WHERE deadline <= $now", ("$now", nowMs));
            var copies = new List<(long, byte[])>();
            using var command = db.Command("SELECT id, payload FROM sync_copies ORDER BY id LIMIT $limit", ("$limit", limit));
            using var reader = command.ExecuteReader();
            while (reader.Read())
                copies.Add((reader.GetInt64(0), (byte[])reader.GetValue(1)));
            return copies;
        }
    }

    /// <summary>Forgets a copy once stored.</summary>
    public void RemoveCopy(long id)
    {
        lock (db.Gate)
            db.Execute("DELETE FROM sync_copies WHERE id = $id", ("$id", id));
    }

    private static string Row(int ns) => ns.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
