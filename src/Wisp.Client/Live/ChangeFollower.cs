using Wisp.Client.Conversations;
using Wisp.Client.Messaging;

namespace Wisp.Client.Live;

/// <summary>
/// Turns the account's <see cref="ChangeFeed"/> into events: a message inserted since the follower started is
/// <see cref="ClientEvent.MessageAdded"/>, a reaction or deletion for everyone <see cref="ClientEvent.MessageChanged"/>,
/// a later change of an outgoing one <see cref="ClientEvent.DeliveryChanged"/>,
/// and read marks from one receipt are counted per peer (<see cref="ClientEvent.MessagesRead"/>). It reads the feed
/// when nudged (this process wrote) and every <see cref="MessagingLimits.ChangePoll"/> (another process may have).
/// </summary>
internal sealed class ChangeFollower(AccountData data, Action<ClientEvent> publish, TimeProvider time)
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Lock _gate = new();
    private long _last = data.Changes.Latest();

    /// <summary>Raised for each message added, after its event (the disappearing timer schedules it).</summary>
    public event Action<MessageView>? Added;

    /// <summary>Asks for a read of the feed now.</summary>
    public void Nudge()
    {
        try { _wake.Release(); }
        catch (SemaphoreFullException) { } // already nudged
    }

    /// <summary>Reads what changed since the last read and publishes it; returns how many messages changed.</summary>
    public int ReadOnce()
    {
        lock (_gate)
        {
            var since = _last;
            var changed = data.Changes.Since(since, MessagingLimits.ChangeBatch);
            var read = new Dictionary<Crypto.Keys.AccountId, int>();
            foreach (var message in changed)
            {
                if (message.InsertedChange > since)
                {
                    var isRequest = message.Direction == MessageDirection.In
                        && data.Conversations.Find(message.Peer)?.State == ConversationState.Request;
                    publish(new ClientEvent.MessageAdded(message, isRequest));
                    Added?.Invoke(message);
                }
                else if (message.EditChange == message.Change)
                {
                    publish(new ClientEvent.MessageChanged(message));
                }
                else if (message.Direction == MessageDirection.Out)
                {
                    publish(new ClientEvent.DeliveryChanged(message));
                    if (message.Delivery == DeliveryState.Read)
                        read[message.Peer] = read.GetValueOrDefault(message.Peer) + 1;
                }
                _last = Math.Max(_last, message.Change);
            }
            foreach (var (peer, count) in read)
                publish(new ClientEvent.MessagesRead(peer, count));
            return changed.Count;
        }
    }

    /// <summary>Follows the feed until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            // A full batch means more is waiting: read on without pausing.
            if (ReadOnce() >= MessagingLimits.ChangeBatch)
                continue;
            using var timeout = new CancellationTokenSource(MessagingLimits.ChangePoll, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await _wake.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Time to look again.
            }
        }
    }
}
