using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Ratchet;

namespace Wisp.Client.Ratchet;

/// <summary>One peer's ratchet row: our pending hello, the session, the accept we still attach, the hello we answered.</summary>
internal sealed class RatchetRow : IDisposable
{
    public RatchetHello? Hello { get; set; }
    public RatchetSession? Session { get; set; }
    public byte[]? Accept { get; set; }
    public byte[]? Answered { get; set; }
    public long Sealed { get; set; }
    public long Opened { get; set; }

    public void Dispose()
    {
        Hello?.Dispose();
        Session?.Dispose();
    }
}

/// <summary>
/// The <c>ratchet_sessions</c> table (migration 12). Every read-modify-write runs in one transaction that writes
/// first, so two processes of a profile cannot both advance the same session from the same state.
/// </summary>
internal sealed class RatchetSessionStore(LocalStore db, Func<long> nowMs)
{
    /// <summary>Runs <paramref name="work"/> on <paramref name="peer"/>'s row and saves it, atomically.</summary>
    public T Update<T>(AccountId peer, Func<RatchetRow, T> work)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (db.Gate)
        {
            using var transaction = db.Begin();
            // Writing first takes SQLite's write lock before the state is read.
            db.Execute("INSERT INTO ratchet_sessions (account_id, updated_at) VALUES ($id, $at) ON CONFLICT (account_id) DO UPDATE SET updated_at = excluded.updated_at",
                ("$id", peer.Hex), ("$at", nowMs()));
            using var row = Load(peer);
            var result = work(row);
            Save(peer, row);
            transaction.Commit();
            return result;
        }
    }

    /// <summary>How many ratchet messages were sealed to and opened from <paramref name="peer"/> (zeros when none).</summary>
    public (long Sealed, long Opened, bool Established) Counts(AccountId peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (db.Gate)
        {
            using var command = db.Command("SELECT sealed, opened, session IS NOT NULL FROM ratchet_sessions WHERE account_id = $id", ("$id", peer.Hex));
            using var reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0), reader.GetInt64(1), reader.GetBoolean(2)) : (0, 0, false);
        }
    }

    private RatchetRow Load(AccountId peer)
    {
        using var command = db.Command("SELECT hello, session, accept, answered, sealed, opened FROM ratchet_sessions WHERE account_id = $id", ("$id", peer.Hex));
        using var reader = command.ExecuteReader();
        var row = new RatchetRow();
        if (!reader.Read())
            return row;
        if (!reader.IsDBNull(0) && ClientSchema.RatchetHello.TryDecrypt(db.Key, peer.Hex, (byte[])reader.GetValue(0), out var hello))
            row.Hello = RatchetHello.Import(hello);
        if (!reader.IsDBNull(1) && ClientSchema.RatchetSession.TryDecrypt(db.Key, peer.Hex, (byte[])reader.GetValue(1), out var session))
            row.Session = RatchetSession.Import(session);
        row.Accept = reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2);
        row.Answered = reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3);
        row.Sealed = reader.GetInt64(4);
        row.Opened = reader.GetInt64(5);
        return row;
    }

    private void Save(AccountId peer, RatchetRow row)
    {
        db.Execute("""
            UPDATE ratchet_sessions SET hello = $hello, session = $session, accept = $accept, answered = $answered,
                sealed = $sealed, opened = $opened WHERE account_id = $id
            """,
            ("$id", peer.Hex),
            ("$hello", row.Hello is null ? null : ClientSchema.RatchetHello.Encrypt(db.Key, peer.Hex, row.Hello.ExportSecret())),
            ("$session", row.Session is null ? null : ClientSchema.RatchetSession.Encrypt(db.Key, peer.Hex, row.Session.Export())),
            ("$accept", row.Accept), ("$answered", row.Answered), ("$sealed", row.Sealed), ("$opened", row.Opened));
    }
}
