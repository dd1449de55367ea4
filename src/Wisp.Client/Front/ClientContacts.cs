using System.Diagnostics.CodeAnalysis;
using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Front;

/// <summary>The account's contacts: Account IDs with nicknames (unique ignoring case) that stand for them.</summary>
public sealed class ClientContacts
{
    private readonly AccountData _data;

    internal ClientContacts(AccountData data) => _data = data;

    // Told of each contact change, so the account's other devices hear of it soon.
    internal Action? Changed { get; set; }

    /// <summary>Longest nickname, in characters (32).</summary>
    public const int MaxNicknameLength = ContactStore.MaxNicknameLength;

    /// <summary>Every contact that is not blocked, ordered by nickname then Account ID.</summary>
    public IReadOnlyList<Contact> List()
    {
        var blocked = BlockedIds();
        var names = _data.Names.All();
        return [.. _data.Contacts.Contacts().Where(c => !blocked.Contains(c.AccountId)).Select(c => c with { DisplayName = names.GetValueOrDefault(c.AccountId) })];
    }

    /// <summary>Every blocked account (their messages are dropped on arrival), with its nickname if it had one.</summary>
    public IReadOnlyList<Contact> Blocked() =>
        [.. BlockedIds().Select(id => new Contact(id, NicknameOf(id))).OrderBy(c => c.Nickname ?? "\uffff", StringComparer.OrdinalIgnoreCase).ThenBy(c => c.AccountId.Hex, StringComparer.Ordinal)];

    /// <summary>
    /// Unblocks <paramref name="peer"/>: the conversation is accepted again and their messages arrive. False, with why,
    /// when the peer is not blocked (nothing changes).
    /// </summary>
    public bool TryUnblock(AccountId peer, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (_data.Conversations.Find(peer)?.State != ConversationState.Blocked)
        {
            error = $"{peer.Hex} is not blocked; `wisp blocked` lists who is.";
            return false;
        }
        _data.Conversations.SetState(peer, ConversationState.Accepted, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Changed?.Invoke();
        error = null;
        return true;
    }

    /// <summary>Adds or renames a contact; false with what is wrong (an unusable nickname, or another contact's).</summary>
    public bool TrySet(AccountId accountId, string nickname, [NotNullWhen(false)] out string? error) =>
        Notify(_data.Contacts.TrySetContact(accountId, nickname, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), out error));

    /// <summary>Removes a contact (its conversation stays); false when it was none.</summary>
    public bool Remove(AccountId accountId) => Notify(_data.Contacts.RemoveContact(accountId));

    /// <summary>The nickname of <paramref name="accountId"/>, or null.</summary>
    public string? NicknameOf(AccountId accountId) => _data.Contacts.NicknameOf(accountId);

    /// <summary>The display name <paramref name="accountId"/> sent with their messages, or null.</summary>
    public string? DisplayNameOf(AccountId accountId) => _data.Names.Get(accountId);

    /// <summary>
    /// The nickname of <paramref name="peer"/>, else the display name they sent, else their Account ID shortened for a
    /// screen. The nickname wins: it is the account's own word for them.
    /// </summary>
    public string NameOf(AccountId peer) => NicknameOf(peer) ?? DisplayNameOf(peer) ?? $"{peer.Hex[..10]}…{peer.Hex[^4..]}";

    /// <summary>The Account ID <paramref name="text"/> names: an Account ID, or a contact's nickname.</summary>
    public bool TryResolve(string text, [NotNullWhen(true)] out AccountId? peer, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (AccountId.TryParse(text, out peer, out _))
        {
            error = null;
            return true;
        }
        peer = _data.Contacts.FindByNickname(text);
        error = peer is null
            ? $"'{text}' is neither an Account ID (66 hex characters starting with 05) nor a contact's nickname; add one with `wisp contacts add <AccountID> {text}`."
            : null;
        return peer is not null;
    }

    private HashSet<AccountId> BlockedIds() =>
        [.. _data.Conversations.All().Where(c => c.State == ConversationState.Blocked).Select(c => c.Peer)];

    // Passes a result through, telling the sync when something changed.
    private bool Notify(bool changed)
    {
        if (changed)
            Changed?.Invoke();
        return changed;
    }
}
