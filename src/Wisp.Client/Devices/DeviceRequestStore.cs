using Wisp.Client.Conversations;

namespace Wisp.Client.Devices;

/// <summary>A link request another device sent (<c>device_link_requests</c>).</summary>
internal sealed record IncomingRequestRow(long Id, byte[] DeviceId, byte[] Plaintext, long ReceivedMs, long ExpiresMs, int Status);

/// <summary>One of this device's own requests to join (<c>device_own_requests</c>).</summary>
internal sealed record OwnRequestRow(long Id, byte[] GroupId, byte[] X25519, byte[] Plaintext, long SentMs, long ExpiresMs, bool Confirmed, byte[]? Admission);

/// <summary>A group seen in namespace 21 (<c>device_groups_seen</c>).</summary>
internal sealed record SeenGroupRow(byte[] GroupId, byte[] LinkKey, long LastSeenMs, bool Dismissed);

/// <summary>Link requests both ways and the groups seen, in migration 11's tables.</summary>
internal sealed class DeviceRequestStore(LocalStore db)
{
    /// <summary>Request statuses.</summary>
    public const int Pending = 0, Accepted = 1, Denied = 2, Superseded = 3;

    /// <summary>Stores a request (once per swarm hash); an earlier pending one from the same device is superseded. False when already held.</summary>
    public bool AddIncoming(string hash, byte[] deviceId, byte[] plaintext, long receivedMs, long expiresMs)
    {
        lock (db.Gate)
        {
            if (db.Scalar("SELECT 1 FROM device_link_requests WHERE hash = $h", ("$h", hash)) is not null)
                return false;
            using var transaction = db.Begin();
            db.Execute("UPDATE device_link_requests SET status = $s WHERE device_id = $d AND status = $p",
                ("$s", Superseded), ("$d", deviceId), ("$p", Pending));
            db.Execute(
                "INSERT INTO device_link_requests (hash, device_id, plaintext, received_at, expires_at) VALUES ($h, $d, $p, $r, $e)",
                ("$h", hash), ("$d", deviceId), ("$p", plaintext), ("$r", receivedMs), ("$e", expiresMs));
            transaction.Commit();
            return true;
        }
    }

    /// <summary>Requests still pending and not expired at <paramref name="nowMs"/>, oldest first.</summary>
    public List<IncomingRequestRow> PendingIncoming(long nowMs) =>
        ReadIncoming("WHERE status = 0 AND expires_at > $now", ("$now", nowMs));

    /// <summary>One request by its row id.</summary>
    public IncomingRequestRow? Incoming(long id) => ReadIncoming("WHERE id = $id", ("$id", id)).FirstOrDefault();

    /// <summary>Sets a request's status; also answers every pending request of the same device when accepted elsewhere.</summary>
    public void SetStatus(long id, int status)
    {
        lock (db.Gate)
            db.Execute("UPDATE device_link_requests SET status = $s WHERE id = $id", ("$s", status), ("$id", id));
    }

    /// <summary>Marks pending requests of <paramref name="deviceId"/> accepted (a group message admitted it).</summary>
    public void AnswerFor(byte[] deviceId)
    {
        lock (db.Gate)
            db.Execute("UPDATE device_link_requests SET status = $a WHERE device_id = $d AND status = $p", ("$a", Accepted), ("$d", deviceId), ("$p", Pending));
    }

    /// <summary>Records one of this device's requests; returns its row id.</summary>
    public long AddOwn(byte[] groupId, byte[] x25519, byte[] plaintext, long sentMs, long expiresMs)
    {
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            // An admission held for an earlier request is let go: the user now looks at the new request's emoji.
            db.Execute("UPDATE device_own_requests SET admission = NULL");
            db.Execute(
                "INSERT INTO device_own_requests (group_id, x25519, plaintext, sent_at, expires_at) VALUES ($g, $x, $p, $s, $e)",
                ("$g", groupId), ("$x", x25519), ("$p", plaintext), ("$s", sentMs), ("$e", expiresMs));
            var id = (long)db.Scalar("SELECT last_insert_rowid()")!;
            transaction.Commit();
            return id;
        }
    }

    /// <summary>This device's requests, newest first.</summary>
    public List<OwnRequestRow> Own()
    {
        lock (db.Gate)
        {
            var rows = new List<OwnRequestRow>();
            using var command = db.Command("SELECT id, group_id, x25519, plaintext, sent_at, expires_at, confirmed, admission FROM device_own_requests ORDER BY id DESC");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(new OwnRequestRow(reader.GetInt64(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2), (byte[])reader.GetValue(3),
                    reader.GetInt64(4), reader.GetInt64(5), reader.GetInt32(6) == 1, reader.IsDBNull(7) ? null : (byte[])reader.GetValue(7)));
            }
            return rows;
        }
    }

    /// <summary>Marks a request confirmed by the user, or holds an admission for it.</summary>
    public void UpdateOwn(long id, bool? confirmed = null, byte[]? admission = null)
    {
        lock (db.Gate)
        {
            if (confirmed is { } c)
                db.Execute("UPDATE device_own_requests SET confirmed = $c WHERE id = $id", ("$c", c ? 1 : 0), ("$id", id));
            if (admission is not null)
                db.Execute("UPDATE device_own_requests SET admission = $a WHERE id = $id", ("$a", admission), ("$id", id));
        }
    }

    /// <summary>Forgets this device's requests (joined a group, or renewed its identity).</summary>
    public void ClearOwn()
    {
        lock (db.Gate)
            db.Execute("DELETE FROM device_own_requests");
    }

    /// <summary>Notes a group message of <paramref name="groupId"/> stored at <paramref name="atMs"/> with its link key (the newest wins).</summary>
    public void SeeGroup(byte[] groupId, byte[] linkKey, long atMs)
    {
        lock (db.Gate)
        {
            db.Execute(
                "INSERT INTO device_groups_seen (group_id, link_key, last_seen) VALUES ($g, $k, $t) " +
                "ON CONFLICT (group_id) DO UPDATE SET link_key = excluded.link_key, last_seen = excluded.last_seen WHERE excluded.last_seen >= last_seen",
                ("$g", groupId), ("$k", linkKey), ("$t", atMs));
        }
    }

    /// <summary>Groups seen, newest first.</summary>
    public List<SeenGroupRow> Groups()
    {
        lock (db.Gate)
        {
            var rows = new List<SeenGroupRow>();
            using var command = db.Command("SELECT group_id, link_key, last_seen, dismissed FROM device_groups_seen ORDER BY last_seen DESC");
            using var reader = command.ExecuteReader();
            while (reader.Read())
                rows.Add(new SeenGroupRow((byte[])reader.GetValue(0), (byte[])reader.GetValue(1), reader.GetInt64(2), reader.GetInt32(3) == 1));
            return rows;
        }
    }

    private List<IncomingRequestRow> ReadIncoming(string where, params (string, object?)[] parameters)
    {
        lock (db.Gate)
        {
            var rows = new List<IncomingRequestRow>();
            using var command = db.Command(
                "SELECT id, device_id, plaintext, received_at, expires_at, status FROM device_link_requests " + where + " ORDER BY id", parameters);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(new IncomingRequestRow(reader.GetInt64(0), (byte[])reader.GetValue(1), (byte[])reader.GetValue(2),
                    reader.GetInt64(3), reader.GetInt64(4), reader.GetInt32(5)));
            }
            return rows;
        }
    }
}
