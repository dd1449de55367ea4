using System.Diagnostics.CodeAnalysis;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Conversations;

/// <summary>
/// The account's contacts: Account IDs with an optional nickname (encrypted at rest, unique ignoring case), which can
/// stand for the Account ID wherever a person names a peer.
/// </summary>
internal sealed class ContactStore(LocalStore db)
{
    /// <summary>Longest nickname, in characters (32): a name to type, not a note.</summary>
    public const int MaxNicknameLength = 32;

    /// <summary>Every contact, with its nickname decrypted, ordered by nickname then Account ID.</summary>
    public IReadOnlyList<Contact> Contacts()
    {
        lock (db.Gate)
            return ContactsLocked();
    }

    /// <summary>
    /// Adds <paramref name="accountId"/> as a contact named <paramref name="nickname"/>, or renames it. False, with
    /// <paramref name="error"/>, when the nickname is not usable or another contact has it (compared ignoring case).
    /// </summary>
    public bool TrySetContact(AccountId accountId, string nickname, long nowMs, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        nickname = (nickname ?? "").Trim();
        if (CheckNickname(nickname) is { } problem)
        {
            error = problem;
            return false;
        }
        lock (db.Gate)
        {
            var holder = ContactsLocked().FirstOrDefault(c => string.Equals(c.Nickname, nickname, StringComparison.OrdinalIgnoreCase));
            if (holder is not null && holder.AccountId != accountId)
            {
                error = $"the nickname '{nickname}' is already {holder.AccountId}'s; choose another or remove that contact first.";
                return false;
            }
            var stored = ClientSchema.ContactNickname.EncryptText(db.Key, accountId.Hex, nickname);
            db.Execute("""
                INSERT INTO contacts (account_id, nickname, approved, created) VALUES ($id, $nickname, 1, $now)
                ON CONFLICT (account_id) DO UPDATE SET nickname = excluded.nickname
                """, ("$id", accountId.Hex), ("$nickname", stored), ("$now", nowMs));
            error = null;
            return true;
        }
    }

    /// <summary>Removes a contact (its conversation and messages stay). False when it was not a contact.</summary>
    public bool RemoveContact(AccountId accountId)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        lock (db.Gate)
            return db.Execute("DELETE FROM contacts WHERE account_id = $id", ("$id", accountId.Hex)) > 0;
    }

    /// <summary>The contact whose nickname is <paramref name="nickname"/> (ignoring case), or null.</summary>
    public AccountId? FindByNickname(string nickname)
    {
        ArgumentNullException.ThrowIfNull(nickname);
        lock (db.Gate)
            return ContactsLocked().FirstOrDefault(c => string.Equals(c.Nickname, nickname.Trim(), StringComparison.OrdinalIgnoreCase))?.AccountId;
    }

    /// <summary>The nickname of <paramref name="accountId"/>, or null.</summary>
    public string? NicknameOf(AccountId accountId)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        lock (db.Gate)
            return ContactsLocked().FirstOrDefault(c => c.AccountId == accountId)?.Nickname;
    }

    /// <summary>Null when <paramref name="nickname"/> can be a nickname; otherwise what is wrong with it.</summary>
    public static string? CheckNickname(string nickname)
    {
        if (string.IsNullOrWhiteSpace(nickname))
            return "a nickname cannot be empty.";
        // A nickname that looks like an Account ID would make "send to X" ambiguous.
        if (AccountId.TryParse(nickname, out _, out _))
            return "a nickname cannot be an Account ID.";
        if (nickname.Length > MaxNicknameLength)
            return $"a nickname is at most {MaxNicknameLength} characters; '{nickname}' has {nickname.Length}.";
        if (nickname.Any(char.IsControl))
            return "a nickname cannot hold control characters.";
        return null;
    }

    /// <summary>Every contact; call under the store's lock.</summary>
    internal List<Contact> ContactsLocked()
    {
        var contacts = new List<Contact>();
        using var command = db.Command("SELECT account_id, nickname FROM contacts");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var id = reader.GetString(0);
            string? nickname = null;
            // A nickname that fails to decrypt (damaged cell) shows as none rather than stopping every listing.
            if (!reader.IsDBNull(1) && ClientSchema.ContactNickname.TryDecryptText(db.Key, id, (byte[])reader.GetValue(1), out var text))
                nickname = text;
            contacts.Add(new Contact(AccountId.Parse(id), nickname));
        }
        return contacts
            .OrderBy(c => c.Nickname ?? "\uffff", StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.AccountId.Hex, StringComparer.Ordinal)
            .ToList();
    }
}
