using System.Diagnostics.CodeAnalysis;
using System.Text;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Conversations;

/// <summary>
/// Display names (Session's <c>LokiProfile.displayName</c>): the account's own, sent with every text message, and the
/// latest each peer sent. Encrypted at rest like nicknames; a nickname, where set, is shown instead.
/// </summary>
internal sealed class ProfileNameStore(LocalStore db)
{
    /// <summary>Longest display name, in UTF-8 bytes (100, Session's limit for a profile name).</summary>
    public const int MaxBytes = 100;

    /// <summary>The display name stored for <paramref name="accountId"/>, or null.</summary>
    public string? Get(AccountId accountId)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        lock (db.Gate)
        {
            return db.Scalar("SELECT display_name FROM profile_names WHERE account_id = $id", ("$id", accountId.Hex)) is byte[] stored
                   && ClientSchema.DisplayName.TryDecryptText(db.Key, accountId.Hex, stored, out var name) ? name : null;
        }
    }

    /// <summary>Every stored display name, by Account ID.</summary>
    public Dictionary<AccountId, string> All()
    {
        lock (db.Gate)
        {
            var names = new Dictionary<AccountId, string>();
            using var command = db.Command("SELECT account_id, display_name FROM profile_names");
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var hex = reader.GetString(0);
                if (AccountId.TryParse(hex, out var id, out _) && ClientSchema.DisplayName.TryDecryptText(db.Key, hex, (byte[])reader.GetValue(1), out var name))
                    names[id] = name;
            }
            return names;
        }
    }

    /// <summary>
    /// Sets the display name of <paramref name="accountId"/> (null or blank removes it). False, with why, when it is
    /// too long or has control characters (a person sets their own name: it is refused, not cut).
    /// </summary>
    public bool TrySet(AccountId accountId, string? name, long nowMs, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        name = name?.Trim();
        if (!string.IsNullOrEmpty(name) && Check(name) is { } problem)
        {
            error = problem;
            return false;
        }
        Store(accountId, name, nowMs);
        error = null;
        return true;
    }

    /// <summary>Stores the name a peer sent, made safe to show: control characters dropped, cut to <see cref="MaxBytes"/>.</summary>
    public void Received(AccountId peer, string name, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(name);
        var clean = Clean(name);
        if (clean.Length > 0 && clean != Get(peer))
            Store(peer, clean, nowMs);
    }

    /// <summary>Why <paramref name="name"/> cannot be a display name, or null.</summary>
    public static string? Check(string name) =>
        Encoding.UTF8.GetByteCount(name) > MaxBytes ? $"a display name is at most {MaxBytes} bytes of UTF-8; this one is {Encoding.UTF8.GetByteCount(name)}."
        : name.Any(char.IsControl) ? "a display name cannot contain control characters (tabs, line breaks)."
        : null;

    /// <summary>A peer's name without control characters, trimmed, cut to whole characters within <see cref="MaxBytes"/>.</summary>
    public static string Clean(string name)
    {
        var builder = new StringBuilder();
        var bytes = 0;
        foreach (var rune in name.Trim().EnumerateRunes())
        {
            if (Rune.IsControl(rune))
                continue;
            bytes += rune.Utf8SequenceLength;
            if (bytes > MaxBytes)
                break;
            builder.Append(rune.ToString());
        }
        return builder.ToString().Trim();
    }

    private void Store(AccountId accountId, string? name, long nowMs)
    {
        lock (db.Gate)
        {
            if (string.IsNullOrEmpty(name))
            {
                db.Execute("DELETE FROM profile_names WHERE account_id = $id", ("$id", accountId.Hex));
                return;
            }
            db.Execute("""
                INSERT INTO profile_names (account_id, display_name, updated) VALUES ($id, $name, $now)
                ON CONFLICT (account_id) DO UPDATE SET display_name = excluded.display_name, updated = excluded.updated
                """, ("$id", accountId.Hex), ("$name", ClientSchema.DisplayName.EncryptText(db.Key, accountId.Hex, name)), ("$now", nowMs));
        }
    }
}
