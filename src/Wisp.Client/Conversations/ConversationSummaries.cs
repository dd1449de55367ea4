namespace Wisp.Client.Conversations;

/// <summary>The conversation list: every conversation with its peer's nickname, unread count and latest message.</summary>
internal sealed class ConversationSummaries(LocalStore db, ConversationStore conversations, ContactStore contacts, MessageStore messages)
{
    /// <summary>Display names peers sent (shown where there is no nickname).</summary>
    public ProfileNameStore? Names { get; init; }

    /// <summary>Every conversation, latest first; requests included.</summary>
    public IReadOnlyList<ConversationSummary> List()
    {
        lock (db.Gate)
        {
            var nicknames = contacts.ContactsLocked().Where(c => c.Nickname is not null).ToDictionary(c => c.AccountId, c => c.Nickname);
            var names = Names?.All() ?? [];
            return conversations.All()
                .Select(c => new ConversationSummary(c, nicknames.GetValueOrDefault(c.Peer), messages.Unread(c.Id), messages.History(c.Id, 1).LastOrDefault())
                {
                    DisplayName = names.GetValueOrDefault(c.Peer),
                })
                .OrderByDescending(s => s.Last?.SentAtMs ?? 0)
                .ToList();
        }
    }
}
