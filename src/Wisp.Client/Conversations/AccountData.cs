using Wisp.Client.Account;
using Wisp.Client.LocalData;

namespace Wisp.Client.Conversations;

/// <summary>
/// An account's local data, one store per concern, over one shared connection: contacts, conversations, messages,
/// the outbox, the poller's state, disappearing messages, the change feed and the conversation list.
/// </summary>
internal sealed class AccountData
{
    /// <summary>The stores over an open database and the key of its encrypted columns.</summary>
    public AccountData(ClientDatabase database, DataKey key)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(key);
        var db = new LocalStore(database, key);
        Local = db;
        Contacts = new ContactStore(db);
        Conversations = new ConversationStore(db);
        PollState = new PollStateStore(db);
        Delivered = new DeliveredStore(db);
        Messages = new MessageStore(db, Conversations, PollState);
        Outbox = new OutboxStore(db, Conversations, Messages);
        Disappearing = new DisappearingStore(db);
        Changes = new ChangeFeed(db);
        Names = new ProfileNameStore(db);
        Edits = new MessageEditStore(db, Conversations, Messages);
        Summaries = new ConversationSummaries(db, Conversations, Contacts, Messages) { Names = Names };
        Attachments = new AttachmentStore(db);
    }

    /// <summary>The stores of an unlocked account.</summary>
    public static AccountData For(OpenAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new AccountData(account.Database, account.DataKey);
    }

    /// <summary>The shared connection the stores use (for stores kept outside this list, such as the search index).</summary>
    public LocalStore Local { get; }

    public ContactStore Contacts { get; }

    public ConversationStore Conversations { get; }

    public PollStateStore PollState { get; }

    public DeliveredStore Delivered { get; }

    public MessageStore Messages { get; }

    public OutboxStore Outbox { get; }

    public DisappearingStore Disappearing { get; }

    public ChangeFeed Changes { get; }

    public ConversationSummaries Summaries { get; }

    public ProfileNameStore Names { get; }

    public MessageEditStore Edits { get; }

    /// <summary>The attachments of messages (migration 8).</summary>
    public AttachmentStore Attachments { get; }
}
