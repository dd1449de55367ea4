using Wisp.Client.Account;
using Wisp.Client.Conversations;
using Wisp.Client.Polling;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;

namespace Wisp.Client.Messaging;

/// <summary>
/// Messaging for one unlocked account: its conversations, the outbox (<see cref="Sender"/>) and the poller
/// (<see cref="Poller"/>), run in the background from <see cref="Start"/> until <see cref="DisposeAsync"/>. Read receipts
/// and typing indicators are sent only where the conversation's settings allow and the conversation is accepted.
/// </summary>
public sealed class MessagingService : IAsyncDisposable
{
    private readonly IMessageSwarm _swarm;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    /// <summary>Messaging for <paramref name="account"/> over <paramref name="swarm"/>.</summary>
    public MessagingService(OpenAccount account, IMessageSwarm swarm, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(swarm);
        ArgumentNullException.ThrowIfNull(time);
        _swarm = swarm;
        Account = account;
        Conversations = ConversationStore.For(account);
        Sender = new Sender(Conversations, swarm, account.Keys, time);
        Poller = new Poller(Conversations, swarm, account.Keys, time);
    }

    /// <summary>The account.</summary>
    public OpenAccount Account { get; }

    /// <summary>Its conversations, contacts and messages.</summary>
    public ConversationStore Conversations { get; }

    /// <summary>The outbox.</summary>
    public Sender Sender { get; }

    /// <summary>The poller of the account's swarm.</summary>
    public Poller Poller { get; }

    /// <summary>Raised when a poll fails (the swarm unreachable), with the reason; the poller retries on its own.</summary>
    public event Action<string>? PollFailed;

    /// <summary>Starts the outbox and the poller in the background.</summary>
    public void Start()
    {
        var token = _stop.Token;
        _running = Task.WhenAll(
            Task.Run(() => Sender.RunAsync(token), token),
            Task.Run(() => Poller.RunAsync(error => PollFailed?.Invoke(error), token), token));
    }

    /// <summary>
    /// Marks the conversation with <paramref name="peer"/> read and, where its settings allow, tells the peer with a
    /// read receipt. Returns how many messages were marked.
    /// </summary>
    public async Task<int> MarkReadAsync(AccountId peer, CancellationToken cancellationToken)
    {
        var read = Conversations.MarkRead(peer, _swarm.NowMs());
        if (read.Count > 0 && Conversations.Find(peer) is { State: ConversationState.Accepted, Settings.ReadReceipts: true })
            await Sender.SendSignalAsync(peer, MessageContent.ReadReceipt(read.Select(t => (ulong)t)), MessagingLimits.MessageTtl, cancellationToken).ConfigureAwait(false);
        return read.Count;
    }

    /// <summary>Tells the peer this account started or stopped typing, where the conversation's settings allow.</summary>
    public Task<bool> SendTypingAsync(AccountId peer, bool started, CancellationToken cancellationToken) =>
        Conversations.Find(peer) is { State: ConversationState.Accepted, Settings.TypingIndicators: true }
            ? Sender.SendSignalAsync(peer, MessageContent.Typing(started, (ulong)_swarm.NowMs()), MessagingLimits.TypingTtl, cancellationToken)
            : Task.FromResult(false);

    /// <summary>Stops the background work (pending messages stay pending, to be sent by the next run).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }
        _stop.Dispose();
    }
}
