using Microsoft.Data.Sqlite;
using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Protocol.Community;

namespace Wisp.Client.Communities;

/// <summary>A joined room as stored.</summary>
internal sealed record RoomRow(
    string BaseUrl, string ServerKey, string Token, string? Name, string? Description, int ActiveUsers, long InfoUpdates,
    long Seqno, bool Read, bool Write, bool Moderator, bool Admin, long JoinedMs);

/// <summary>A room message as stored; <see cref="Data"/> is the post's bytes (decrypted), null once deleted.</summary>
internal sealed record MessageRow(
    string BaseUrl, string Token, long Id, long Seqno, string Sender, long PostedMs, long? EditedMs, long? SentMs,
    byte[]? Data, string? Reactions, bool Deleted, bool ReactionsOnly = false);

/// <summary>
/// The communities' local data (migration 9): servers with their DM positions, joined rooms with their poll positions,
/// room messages (their data encrypted under the account's data key) and direct messages.
/// </summary>
internal sealed class CommunityStore(LocalStore db)
{
    private const string RoomColumns =
        "r.base_url, s.server_key, r.token, r.name, r.description, r.active_users, r.info_updates, r.seqno, r.can_read, r.can_write, r.moderator, r.admin, r.joined";

    private const string MessageColumns = "base_url, token, id, seqno, sender, posted, edited, sent, data, reactions, deleted";

    /// <summary>Every joined room, oldest first.</summary>
    public IReadOnlyList<RoomRow> Rooms()
    {
        lock (db.Gate)
        {
            using var command = db.Command($"SELECT {RoomColumns} FROM community_rooms r JOIN community_servers s USING (base_url) ORDER BY r.joined, r.token");
            return ReadRooms(command);
        }
    }

    /// <summary>Adds a room (and its server) or, when it is joined already, updates its details; true when it is new.</summary>
    public bool Join(string baseUrl, string serverKey, RoomInfo room, long nowMs)
    {
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            db.Execute("INSERT INTO community_servers (base_url, server_key) VALUES ($b, $k) ON CONFLICT (base_url) DO UPDATE SET server_key = $k",
                ("$b", baseUrl), ("$k", serverKey));
            var added = db.Execute(
                "INSERT INTO community_rooms (base_url, token, joined) VALUES ($b, $t, $now) ON CONFLICT DO NOTHING",
                ("$b", baseUrl), ("$t", room.Token), ("$now", nowMs)) == 1;
            Details(baseUrl, room);
            transaction.Commit();
            return added;
        }
    }

    /// <summary>Forgets a room and its messages; the server too (with its DMs) when no room of it is left. False when not joined.</summary>
    public bool Leave(string baseUrl, string token)
    {
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            db.Execute("DELETE FROM community_messages WHERE base_url = $b AND token = $t", ("$b", baseUrl), ("$t", token));
            var removed = db.Execute("DELETE FROM community_rooms WHERE base_url = $b AND token = $t", ("$b", baseUrl), ("$t", token)) == 1;
            if (db.Scalar("SELECT count(*) FROM community_rooms WHERE base_url = $b", ("$b", baseUrl)) is 0L)
            {
                db.Execute("DELETE FROM community_dms WHERE base_url = $b", ("$b", baseUrl));
                db.Execute("DELETE FROM community_servers WHERE base_url = $b", ("$b", baseUrl));
            }
            transaction.Commit();
            return removed;
        }
    }

    /// <summary>Stores what a poll said of the room: permissions and counts, and the details when they came.</summary>
    public void Polled(string baseUrl, PollInfoReply info)
    {
        lock (db.Gate)
        {
            db.Execute(
                "UPDATE community_rooms SET active_users = $a, can_read = $r, can_write = $w, moderator = $m, admin = $ad WHERE base_url = $b AND token = $t",
                ("$a", info.ActiveUsers), ("$r", info.Read), ("$w", info.Write), ("$m", info.Moderator == true || info.Admin == true),
                ("$ad", info.Admin == true), ("$b", baseUrl), ("$t", info.Token));
            if (info.Details is { } details)
                Details(baseUrl, details);
        }
    }

    private void Details(string baseUrl, RoomInfo room) =>
        db.Execute(
            """
            UPDATE community_rooms SET name = $n, description = $d, active_users = $a, info_updates = $i, can_read = $r, can_write = $w,
                moderator = $m, admin = $ad WHERE base_url = $b AND token = $t
            """,
            ("$n", room.Name), ("$d", room.Description), ("$a", room.ActiveUsers), ("$i", room.InfoUpdates), ("$r", room.Read),
            ("$w", room.Write), ("$m", room.Moderator == true || room.Admin == true || room.GlobalModerator == true || room.GlobalAdmin == true),
            ("$ad", room.Admin == true || room.GlobalAdmin == true), ("$b", baseUrl), ("$t", room.Token));

    /// <summary>
    /// Stores messages read from a room and moves its seqno to <paramref name="highestSeqno"/> (messages refused still count as read); returns each with whether it was new
    /// (false: a change of a known message). A message whose stored seqno is as new or newer is left alone.
    /// </summary>
    public IReadOnlyList<(MessageRow Row, bool Added)> Save(string baseUrl, string token, IReadOnlyList<MessageRow> rows, long highestSeqno)
    {
        var saved = new List<(MessageRow, bool)>();
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            foreach (var row in rows)
            {
                var known = db.Scalar("SELECT seqno FROM community_messages WHERE base_url = $b AND token = $t AND id = $id",
                    ("$b", baseUrl), ("$t", token), ("$id", row.Id));
                if (known is long seqno && seqno >= row.Seqno)
                    continue;
                if (row.ReactionsOnly)
                {
                    // A reaction-only update changes a message already read; one not read yet comes whole later.
                    if (known is null)
                        continue;
                    db.Execute("UPDATE community_messages SET seqno = $seq, reactions = $re WHERE base_url = $b AND token = $t AND id = $id",
                        ("$seq", row.Seqno), ("$re", row.Reactions), ("$b", baseUrl), ("$t", token), ("$id", row.Id));
                    saved.Add((Get(baseUrl, token, row.Id)!, false));
                    continue;
                }
                var data = row.Data is null ? null : ClientSchema.CommunityMessageData.Encrypt(db.Key, RowKey(baseUrl, token, row.Id), row.Data);
                db.Execute(
                    $"""
                    INSERT INTO community_messages ({MessageColumns}) VALUES ($b, $t, $id, $seq, $s, $p, $e, $sent, $data, $re, $del)
                    ON CONFLICT DO UPDATE SET seqno = $seq, edited = $e, sent = coalesce($sent, sent),
                        data = CASE WHEN $del THEN NULL ELSE coalesce($data, data) END, reactions = $re, deleted = $del
                    """,
                    ("$b", baseUrl), ("$t", token), ("$id", row.Id), ("$seq", row.Seqno), ("$s", row.Sender), ("$p", row.PostedMs),
                    ("$e", row.EditedMs), ("$sent", row.SentMs), ("$data", data), ("$re", row.Reactions), ("$del", row.Deleted));
                saved.Add((Get(baseUrl, token, row.Id)!, known is null));
            }
            db.Execute("UPDATE community_rooms SET seqno = max(seqno, $s) WHERE base_url = $b AND token = $t",
                ("$s", highestSeqno), ("$b", baseUrl), ("$t", token));
            transaction.Commit();
        }
        return saved;
    }

    /// <summary>One stored message, or null.</summary>
    public MessageRow? Get(string baseUrl, string token, long id)
    {
        lock (db.Gate)
        {
            using var command = db.Command($"SELECT {MessageColumns} FROM community_messages WHERE base_url = $b AND token = $t AND id = $id",
                ("$b", baseUrl), ("$t", token), ("$id", id));
            return ReadMessages(command).FirstOrDefault();
        }
    }

    /// <summary>The newest <paramref name="limit"/> messages (before <paramref name="beforeId"/> when set), oldest first.</summary>
    public IReadOnlyList<MessageRow> History(string baseUrl, string token, int limit, long? beforeId)
    {
        lock (db.Gate)
        {
            using var command = db.Command(
                $"SELECT {MessageColumns} FROM community_messages WHERE base_url = $b AND token = $t AND id < $before ORDER BY id DESC LIMIT $n",
                ("$b", baseUrl), ("$t", token), ("$before", beforeId ?? long.MaxValue), ("$n", Math.Clamp(limit, 1, 10_000)));
            var rows = ReadMessages(command).ToList();
            rows.Reverse();
            return rows;
        }
    }

    /// <summary>The ID of the message <paramref name="sender"/> sent at <paramref name="sentMs"/> (what a quote names), or null.</summary>
    public long? FindSent(string baseUrl, string token, string sender, long sentMs)
    {
        lock (db.Gate)
            return db.Scalar("SELECT id FROM community_messages WHERE base_url = $b AND token = $t AND sender = $s AND sent = $sent",
                ("$b", baseUrl), ("$t", token), ("$s", sender), ("$sent", sentMs)) as long?;
    }

    /// <summary>Where the DM polls of a server left off.</summary>
    public (long Inbox, long Outbox) DmPositions(string baseUrl)
    {
        lock (db.Gate)
        {
            using var command = db.Command("SELECT inbox_since, outbox_since FROM community_servers WHERE base_url = $b", ("$b", baseUrl));
            using var reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1)) : (0, 0);
        }
    }

    /// <summary>Stores a direct message (once) and moves the server's position; true when it is new.</summary>
    public bool SaveDm(CommunityDmView dm)
    {
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            var added = db.Execute(
                """
                INSERT INTO community_dms (base_url, id, outgoing, peer, sender_account, posted, body) VALUES ($b, $id, $o, $p, $s, $at, $body)
                ON CONFLICT DO NOTHING
                """,
                ("$b", dm.BaseUrl), ("$id", dm.Id), ("$o", dm.Outgoing), ("$p", dm.Peer), ("$s", dm.SenderAccountId), ("$at", dm.PostedMs),
                ("$body", ClientSchema.CommunityDmBody.EncryptText(db.Key, DmKey(dm.BaseUrl, dm.Outgoing, dm.Id), dm.Text))) == 1;
            MoveDmPosition(dm.BaseUrl, dm.Outgoing, dm.Id);
            transaction.Commit();
            return added;
        }
    }

    /// <summary>Moves a server's inbox or outbox position past <paramref name="id"/> (a message that could not be opened is not read again).</summary>
    public void MoveDmPosition(string baseUrl, bool outgoing, long id)
    {
        lock (db.Gate)
            db.Execute(outgoing
                ? "UPDATE community_servers SET outbox_since = max(outbox_since, $id) WHERE base_url = $b"
                : "UPDATE community_servers SET inbox_since = max(inbox_since, $id) WHERE base_url = $b", ("$id", id), ("$b", baseUrl));
    }

    /// <summary>The newest <paramref name="limit"/> DMs of a server, oldest first.</summary>
    public IReadOnlyList<CommunityDmView> Dms(string baseUrl, int limit)
    {
        lock (db.Gate)
        {
            using var command = db.Command(
                "SELECT id, outgoing, peer, sender_account, posted, body FROM community_dms WHERE base_url = $b ORDER BY posted DESC, id DESC LIMIT $n",
                ("$b", baseUrl), ("$n", Math.Clamp(limit, 1, 10_000)));
            using var reader = command.ExecuteReader();
            var dms = new List<CommunityDmView>();
            while (reader.Read())
            {
                var outgoing = reader.GetBoolean(1);
                var id = reader.GetInt64(0);
                if (!ClientSchema.CommunityDmBody.TryDecryptText(db.Key, DmKey(baseUrl, outgoing, id), (byte[])reader.GetValue(5), out var text))
                    continue;
                dms.Add(new CommunityDmView(baseUrl, id, outgoing, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4), text));
            }
            dms.Reverse();
            return dms;
        }
    }

    private static string RowKey(string baseUrl, string token, long id) => $"{baseUrl}/{token}/{id}";

    private static string DmKey(string baseUrl, bool outgoing, long id) => $"{baseUrl}/{(outgoing ? "out" : "in")}/{id}";

    private static List<RoomRow> ReadRooms(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rooms = new List<RoomRow>();
        while (reader.Read())
        {
            rooms.Add(new RoomRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt32(5), reader.GetInt64(6), reader.GetInt64(7),
                reader.GetBoolean(8), reader.GetBoolean(9), reader.GetBoolean(10), reader.GetBoolean(11), reader.GetInt64(12)));
        }
        return rooms;
    }

    private IEnumerable<MessageRow> ReadMessages(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var rows = new List<MessageRow>();
        while (reader.Read())
        {
            var baseUrl = reader.GetString(0);
            var token = reader.GetString(1);
            var id = reader.GetInt64(2);
            byte[]? data = null;
            if (!reader.IsDBNull(8) && ClientSchema.CommunityMessageData.TryDecrypt(db.Key, RowKey(baseUrl, token, id), (byte[])reader.GetValue(8), out var plain))
                data = plain;
            rows.Add(new MessageRow(
                baseUrl, token, id, reader.GetInt64(3), reader.GetString(4), reader.GetInt64(5), reader.IsDBNull(6) ? null : reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetInt64(7), data, reader.IsDBNull(9) ? null : reader.GetString(9), reader.GetBoolean(10)));
        }
        return rows;
    }
}
