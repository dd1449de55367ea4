using System.Text;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Conversations;

/// <summary>
/// Profile pictures (migration 8): Session's display picture, a URL on a file server and the 32-byte profile key that
/// decrypts it, for this account and for peers (from the <c>LokiProfile.profilePicture</c> and <c>profileKey</c> of
/// their messages). Both are kept encrypted: the URL alone would let anyone with the file fetch the picture's ciphertext.
/// </summary>
internal sealed class ProfilePictureStore(LocalStore db)
{
    /// <summary>The picture of <paramref name="account"/>: its URL and key; null when there is none.</summary>
    public (string Url, byte[] Key)? Get(AccountId account)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (db.Gate)
        {
            if (db.Scalar("SELECT picture FROM profile_pictures WHERE account_id = $id", ("$id", account.Hex)) is not byte[] stored
                || !ClientSchema.ProfilePicture.TryDecrypt(db.Key, account.Hex, stored, out var plain) || plain.Length <= 32)
                return null;
            return (Encoding.UTF8.GetString(plain.AsSpan(32)), plain[..32]);
        }
    }

    /// <summary>Sets the picture of <paramref name="account"/> (a new one replaces the old).</summary>
    public void Set(AccountId account, string url, ReadOnlySpan<byte> key, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(url);
        if (key.Length != 32)
            throw new ArgumentException($"A profile key is 32 bytes; got {key.Length}.", nameof(key));
        byte[] plain = [.. key, .. Encoding.UTF8.GetBytes(url)];
        lock (db.Gate)
        {
            db.Execute("""
                INSERT INTO profile_pictures (account_id, picture, changed) VALUES ($id, $picture, $now)
                ON CONFLICT (account_id) DO UPDATE SET picture = excluded.picture, changed = excluded.changed
                """,
                ("$id", account.Hex), ("$picture", ClientSchema.ProfilePicture.Encrypt(db.Key, account.Hex, plain)), ("$now", nowMs));
        }
    }

    /// <summary>Keeps the picture a peer's message named, if it is well formed and new.</summary>
    public void Received(AccountId peer, string url, ReadOnlySpan<byte> key, long nowMs)
    {
        if (key.Length != 32 || url.Length is 0 or > 2_000 || !Uri.TryCreate(url, UriKind.Absolute, out _))
            return;
        if (Get(peer) is { } current && current.Url == url && current.Key.AsSpan().SequenceEqual(key))
            return;
        Set(peer, url, key, nowMs);
    }
}
