using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;
using Wisp.Protocol.V2;

namespace Wisp.Client.Keys;

/// <summary>
/// Publishes the account's current v2 public keys to namespace −21 of its own swarm (Session's public outbox: one
/// message, replaced by each store; kept 30 days so contacts find keys even when every device is long offline). A
/// bundle goes out when the current key differs from the one last published, unless publishing is turned off (the
/// account then stays v1-only: Session's rule is not to publish until every device of the account speaks v2).
/// </summary>
internal sealed class KeyPublisher(LocalStore db, AccountKeyRing ring, Ed25519KeyPair account, Func<IKeySwarm?> swarm)
{
    /// <summary>Whether this account publishes its v2 keys (<c>account_key_state.publish</c>).</summary>
    public bool Enabled
    {
        get
        {
            lock (db.Gate)
                return db.Scalar("SELECT publish FROM account_key_state WHERE id = 1") is long publish && publish == 1;
        }
        set
        {
            lock (db.Gate)
                db.Execute("UPDATE account_key_state SET publish = $on, published_key = CASE WHEN $on = 1 THEN published_key ELSE NULL END WHERE id = 1",
                    ("$on", value ? 1 : 0));
        }
    }

    /// <summary>The key last published and when (Unix ms), or nulls.</summary>
    public (string? KeyId, long? AtMs) Published()
    {
        lock (db.Gate)
        {
            using var command = db.Command("SELECT published_key, published_at FROM account_key_state WHERE id = 1");
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetInt64(1))
                : (null, null);
        }
    }

    /// <summary>True when the current key is not the one published (and publishing is on).</summary>
    public bool IsNeeded() => Enabled && ring.Current() is { } current && Published().KeyId != AccountKeyRing.KeyId(current.Seed);

    /// <summary>
    /// Publishes the current key's bundle when needed. Null when nothing was needed or it worked; else why not (the
    /// next upkeep tries again).
    /// </summary>
    public async Task<string?> PublishIfNeededAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!IsNeeded() || ring.Current() is not { } current)
            return null;
        if (swarm() is not { } keys)
            return "not connected to a network";
        byte[] signed;
        using (var expanded = current.Expand())
            signed = expanded.ToBundle().EncodeSigned(account);
        var result = await keys.PublishAsync(account, signed, AccountKeyBundle.StoreTtl, cancellationToken).ConfigureAwait(false);
        if (!result.Ok)
            return result.Error!.Message;
        if (result.Value!.Confirmed == 0)
            return "no node of the account's swarm signed a receipt for the key bundle";
        lock (db.Gate)
            db.Execute("UPDATE account_key_state SET published_key = $key, published_at = $at WHERE id = 1",
                ("$key", AccountKeyRing.KeyId(current.Seed)), ("$at", now.ToUnixTimeMilliseconds()));
        return null;
    }
}
