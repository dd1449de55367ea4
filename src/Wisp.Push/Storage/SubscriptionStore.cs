using System.Globalization;
using Microsoft.Data.Sqlite;
using Wisp.Protocol.Push;
using Wisp.Protocol.Storage;

namespace Wisp.Push.Storage;

/// <summary>
/// The subscriptions, unique per (account, service, service id) as in SPNS: subscribing again renews or changes one.
/// A subscription lives <see cref="PushLimits.SubscriptionLife"/> from its <c>sig_ts</c>; expired ones are never
/// matched and the sweep deletes them (their queued deliveries with them).
/// </summary>
internal sealed class SubscriptionStore(PushDatabase database, TimeProvider time)
{
    /// <summary>Raised (outside the lock) after a new subscription for an account was stored, so its swarm is watched at once.</summary>
    public event Action<StoragePubkey>? Added;

    /// <summary>The earliest <c>sig_ts</c> still alive now.</summary>
    public long OldestLiveSigTs => time.GetUtcNow().ToUnixTimeSeconds() - (long)PushLimits.SubscriptionLife.TotalSeconds + 1;

    /// <summary>Stores or renews <paramref name="request"/>; true when it is new.</summary>
    public bool Upsert(SubscribeRequest request, string serviceId, string? serviceData)
    {
        var auth = request.Auth;
        var namespaces = string.Join(',', request.Namespaces.Select(n => n.ToString(CultureInfo.InvariantCulture)));
        var added = database.Run((connection, tx) =>
        {
            using var find = PushDatabase.Command(connection, tx,
                "SELECT id FROM subscriptions WHERE account = $a AND service = $s AND service_id = $i",
                ("$a", auth.Pubkey.Bytes.ToArray()), ("$s", auth.Service), ("$i", serviceId));
            var existing = find.ExecuteScalar();
            (string, object?)[] values =
            [
                ("$a", auth.Pubkey.Bytes.ToArray()), ("$ed", auth.SessionEd25519), ("$tag", auth.Subaccount?.Bytes.ToArray()),
                ("$tagsig", auth.SubaccountSig), ("$sig", auth.Signature), ("$ts", auth.SigTs), ("$wd", request.WantData ? 1 : 0),
                ("$key", request.EncKey), ("$ns", namespaces), ("$s", auth.Service), ("$i", serviceId), ("$d", serviceData),
            ];
            using var write = PushDatabase.Command(connection, tx, existing is null
                ? """
                  INSERT INTO subscriptions (account, session_ed25519, subaccount_tag, subaccount_sig, signature, sig_ts, want_data,
                      enc_key, namespaces, service, service_id, service_data)
                  VALUES ($a, $ed, $tag, $tagsig, $sig, $ts, $wd, $key, $ns, $s, $i, $d)
                  """
                : """
                  UPDATE subscriptions SET session_ed25519 = $ed, subaccount_tag = $tag, subaccount_sig = $tagsig, signature = $sig,
                      sig_ts = $ts, want_data = $wd, enc_key = $key, namespaces = $ns, service_data = $d
                  WHERE account = $a AND service = $s AND service_id = $i
                  """, values);
            write.ExecuteNonQuery();
            return existing is null;
        }, transaction: true);
        // A renewal changes nothing the nodes see until the next renewal of the monitor subscription, as in SPNS.
        if (added) Added?.Invoke(auth.Pubkey);
        return added;
    }

    /// <summary>Deletes the subscription of (account, service, service id); true when there was one.</summary>
    public bool Remove(StoragePubkey account, string service, string serviceId) => database.Run((connection, tx) =>
    {
        using var delete = PushDatabase.Command(connection, tx,
            "DELETE FROM subscriptions WHERE account = $a AND service = $s AND service_id = $i",
            ("$a", account.Bytes.ToArray()), ("$s", service), ("$i", serviceId));
        return delete.ExecuteNonQuery() > 0;
    });

    /// <summary>Deletes one subscription by id (its endpoint is gone); true when it was there.</summary>
    public bool RemoveById(long id) => database.Run((connection, tx) =>
    {
        using var delete = PushDatabase.Command(connection, tx, "DELETE FROM subscriptions WHERE id = $id", ("$id", id));
        return delete.ExecuteNonQuery() > 0;
    });

    /// <summary>The live subscriptions of <paramref name="account"/> (inside the caller's transaction).</summary>
    public List<StoredSubscription> ForAccount(SqliteConnection connection, SqliteTransaction? tx, ReadOnlySpan<byte> account)
    {
        using var select = PushDatabase.Command(connection, tx, $"{SelectColumns} WHERE account = $a AND sig_ts >= $min",
            ("$a", account.ToArray()), ("$min", OldestLiveSigTs));
        return Read(select);
    }

    /// <summary>Every live subscription (for the watcher, which groups them by account).</summary>
    public List<StoredSubscription> AllLive() => database.Run((connection, tx) =>
    {
        using var select = PushDatabase.Command(connection, tx, $"{SelectColumns} WHERE sig_ts >= $min ORDER BY account", ("$min", OldestLiveSigTs));
        return Read(select);
    });

    /// <summary>The live subscriptions of one account.</summary>
    public List<StoredSubscription> LiveFor(StoragePubkey account) => database.Run((connection, tx) => ForAccount(connection, tx, account.Bytes));

    /// <summary>Deletes every expired subscription (and, by cascade, its queued deliveries); how many went.</summary>
    public int DeleteExpired() => database.Run((connection, tx) =>
    {
        using var delete = PushDatabase.Command(connection, tx, "DELETE FROM subscriptions WHERE sig_ts < $min", ("$min", OldestLiveSigTs));
        return delete.ExecuteNonQuery();
    });

    /// <summary>How many subscriptions are stored, expired ones included.</summary>
    public long Count() => database.Run((connection, tx) =>
    {
        using var count = PushDatabase.Command(connection, tx, "SELECT COUNT(*) FROM subscriptions");
        return (long)count.ExecuteScalar()!;
    });

    private const string SelectColumns = """
        SELECT id, account, session_ed25519, subaccount_tag, subaccount_sig, signature, sig_ts, want_data, enc_key, namespaces,
            service, service_id, service_data FROM subscriptions
        """;

    private static List<StoredSubscription> Read(SqliteCommand select)
    {
        var rows = new List<StoredSubscription>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new StoredSubscription(
                reader.GetInt64(0),
                StoragePubkey.FromBytes((byte[])reader[1]),
                reader.IsDBNull(2) ? null : (byte[])reader[2],
                reader.IsDBNull(3) ? null : (byte[])reader[3],
                reader.IsDBNull(4) ? null : (byte[])reader[4],
                (byte[])reader[5],
                reader.GetInt64(6),
                reader.GetInt64(7) != 0,
                (byte[])reader[8],
                reader.GetString(9).Split(',').Select(n => short.Parse(n, CultureInfo.InvariantCulture)).ToArray(),
                reader.GetString(10),
                reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12)));
        }
        return rows;
    }
}
