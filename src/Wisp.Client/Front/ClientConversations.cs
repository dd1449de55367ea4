using System.Diagnostics.CodeAnalysis;
using Wisp.Client.Conversations;
using Wisp.Client.Messaging;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Front;

/// <summary>
/// The account's 1:1 conversations: the list with unread counts, history, sending, read marks and typing, each
/// conversation's settings, and message requests (conversations an unknown sender started).
/// </summary>
public sealed class ClientConversations
{
    private readonly AccountData _data;
    private readonly Sender _sender;
    private readonly Func<long> _now;

    internal ClientConversations(AccountData data, Sender sender, Func<long> now) => (_data, _sender, _now) = (data, sender, now);

    // Told of each change user configs carry (state, timer, read marks), so the account's other devices hear of it soon.
    internal Action? Changed { get; set; }

    /// <summary>Every conversation, latest first, requests included.</summary>
    public IReadOnlyList<ConversationSummary> List() => _data.Summaries.List();

    /// <summary>Conversations in <paramref name="state"/>, latest first.</summary>
    public IReadOnlyList<ConversationSummary> List(ConversationState state) => [.. List().Where(c => c.Conversation.State == state)];

    /// <summary>The conversation with <paramref name="peer"/>, or null.</summary>
    public Conversation? Find(AccountId peer) => _data.Conversations.Find(peer);

    /// <summary>The latest <paramref name="limit"/> messages with <paramref name="peer"/>, oldest first.</summary>
    public IReadOnlyList<MessageView> History(AccountId peer, int limit = 100) => _data.Messages.History(peer, limit);

    /// <summary>
    /// Queues a text message to <paramref name="peer"/> (replying accepts a request). It is then pending until a node
    /// of the peer's swarm signs a receipt; watch <see cref="WispClient.Events"/> or <see cref="ClientOutbox"/>. Null,
    /// with why, when it cannot be sent at all (too large, or the peer is blocked).
    /// </summary>
    public MessageView? Send(AccountId peer, string text, string? displayName, out string? error) => _sender.Queue(peer, text, displayName, out error);

    /// <summary>
    /// Sets the conversation's disappearing timer (null: off) for messages sent from now on, on both sides: the peer is
    /// told with a timer message, which this returns (null, with why, when it cannot be sent).
    /// </summary>
    public MessageView? SetDisappearing(AccountId peer, TimeSpan? after, out string? error) => Notify(_sender.SetDisappearing(peer, after, out error));

    /// <summary>Changes whether read receipts and typing indicators go to <paramref name="peer"/> (null: unchanged).</summary>
    public Conversation Configure(AccountId peer, bool? readReceipts, bool? typingIndicators)
    {
        var settings = Find(peer)?.Settings ?? ConversationSettings.Default;
        return _data.Conversations.SetSettings(peer, settings with
        {
            ReadReceipts = readReceipts ?? settings.ReadReceipts,
            TypingIndicators = typingIndicators ?? settings.TypingIndicators,
        }, _now());
    }

    /// <summary>
    /// Marks the conversation with <paramref name="peer"/> read and, where it is accepted and its settings allow, tells
    /// the peer with a read receipt. Returns how many messages were marked.
    /// </summary>
    public async Task<int> MarkReadAsync(AccountId peer, CancellationToken cancellationToken)
    {
        var read = _data.Messages.MarkRead(peer, _now());
        if (read.Count > 0)
            Changed?.Invoke();
        if (read.Count > 0 && Find(peer) is { State: ConversationState.Accepted, Settings.ReadReceipts: true })
        {
            await _sender.SendSignalAsync(peer, MessageContent.ReadReceipt(read.Select(t => (ulong)t)), MessagingLimits.MessageTtl, cancellationToken)
                .ConfigureAwait(false);
        }
        return read.Count;
    }

    /// <summary>Tells the peer this account started or stopped typing, where the conversation is accepted and its settings allow.</summary>
    public Task<bool> SendTypingAsync(AccountId peer, bool started, CancellationToken cancellationToken) =>
        Find(peer) is { State: ConversationState.Accepted, Settings.TypingIndicators: true }
            ? _sender.SendSignalAsync(peer, MessageContent.Typing(started, (ulong)_now()), MessagingLimits.TypingTtl, cancellationToken)
            : Task.FromResult(false);

    /// <summary>
    /// Accepts a pending message request: the conversation moves to the inbox and the peer becomes a contact. False, with
    /// why, when there is no pending request from <paramref name="peer"/> (nothing changes, no contact is made).
    /// </summary>
    public bool TryAcceptRequest(AccountId peer, [NotNullWhen(true)] out Conversation? conversation, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(peer);
        (conversation, error) = (null, null);
        switch (Find(peer)?.State)
        {
            case ConversationState.Request:
                conversation = Accept(peer);
                return true;
            case ConversationState.Accepted:
                error = $"{peer.Hex} is no pending request: that conversation is already accepted.";
                return false;
            case ConversationState.Blocked:
                error = $"{peer.Hex} is blocked, not a pending request; unblock it with `wisp unblock {peer.Hex}`.";
                return false;
            default:
                error = $"there is no pending message request from {peer.Hex}; `wisp requests` lists them.";
                return false;
        }
    }

    /// <summary>Accepts a request (or unblocks): the conversation moves to the inbox and receipts may go back.</summary>
    public Conversation Accept(AccountId peer) => Notify(_data.Conversations.SetState(peer, ConversationState.Accepted, _now()));

    /// <summary>Declines a request: its messages are deleted; a new message from the peer makes a new request.</summary>
    public Conversation Decline(AccountId peer) => Notify(_data.Conversations.SetState(peer, ConversationState.Declined, _now()));

    /// <summary>Blocks the peer: their messages are dropped on arrival, and nothing can be sent to them.</summary>
    public Conversation Block(AccountId peer) => Notify(_data.Conversations.SetState(peer, ConversationState.Blocked, _now()));

    // Passes a result through after telling the sync of the change.
    private T Notify<T>(T result)
    {
        Changed?.Invoke();
        return result;
    }
}
