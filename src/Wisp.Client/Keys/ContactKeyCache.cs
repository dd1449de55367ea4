using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;
using Wisp.Protocol.V2;

namespace Wisp.Client.Keys;

/// <summary>
/// Contacts' published v2 key bundles (namespace −21), as libsession keeps its PFS key cache: the bundle with the time
/// of the last fetch that found valid keys, and the time of the last fetch that found none (a NAK). What state an entry
/// is in (fresh, stale, expired, NAK) is <see cref="ContactKeyFreshness"/>'s arithmetic. Table <c>contact_keys</c>
/// (migration 10); bundles are public and kept in the clear, re-verified against the owner when read.
/// </summary>
internal sealed class ContactKeyCache(LocalStore db)
{
    /// <summary>What is cached for <paramref name="peer"/> and its state at <paramref name="now"/>.</summary>
    public CachedContactKeys Get(AccountId peer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (db.Gate)
        {
            using var command = db.Command("SELECT bundle, fetched_at, nak_at FROM contact_keys WHERE account_id = $id", ("$id", peer.Hex));
            using var reader = command.ExecuteReader();
            if (!reader.Read())
                return new CachedContactKeys(null, null, null, ContactKeyState.Missing);
            AccountKeyBundle? bundle = null;
            if (!reader.IsDBNull(0) && AccountKeyBundle.Decode((byte[])reader.GetValue(0), peer) is { Ok: true } decoded)
                bundle = decoded.Bundle;
            DateTimeOffset? fetchedAt = bundle is null || reader.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
            DateTimeOffset? nakAt = reader.IsDBNull(2) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
            return new CachedContactKeys(bundle, fetchedAt, nakAt, ContactKeyFreshness.Classify(fetchedAt, nakAt, now));
        }
    }

    /// <summary>Records a fetch that found a valid bundle (<paramref name="signed"/>, as published) at <paramref name="now"/>.</summary>
    public void Found(AccountId peer, byte[] signed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(signed);
        lock (db.Gate)
        {
            db.Execute("""
                INSERT INTO contact_keys (account_id, bundle, fetched_at) VALUES ($id, $bundle, $at)
                ON CONFLICT (account_id) DO UPDATE SET bundle = excluded.bundle, fetched_at = excluded.fetched_at
                """, ("$id", peer.Hex), ("$bundle", signed), ("$at", now.ToUnixTimeMilliseconds()));
        }
    }

    /// <summary>
    /// Records a fetch that completed but found no valid keys (a NAK: no fetch for 1h). Keys held before stay, usable
    /// while they are (libsession keeps them as a fallback too).
    /// </summary>
    public void NotFound(AccountId peer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(peer);
        lock (db.Gate)
        {
            db.Execute("""
                INSERT INTO contact_keys (account_id, nak_at) VALUES ($id, $at)
                ON CONFLICT (account_id) DO UPDATE SET nak_at = excluded.nak_at
                """, ("$id", peer.Hex), ("$at", now.ToUnixTimeMilliseconds()));
        }
    }
}

/// <summary>A contact's cache entry: the bundle (verified), when it was fetched, the last NAK, and the state now.</summary>
internal sealed record CachedContactKeys(AccountKeyBundle? Bundle, DateTimeOffset? FetchedAt, DateTimeOffset? NakAt, ContactKeyState State)
{
    /// <summary>The bundle, when the state lets a message be sealed to it (fresh or stale).</summary>
    public AccountKeyBundle? Usable => ContactKeyFreshness.CanUseCachedKeys(State) ? Bundle : null;
}
