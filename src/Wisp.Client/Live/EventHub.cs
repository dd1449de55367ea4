using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Wisp.Client.Live;

/// <summary>
/// Hands every <see cref="ClientEvent"/> to every reader of <see cref="WispClient.Events"/>. Each reader has its own
/// bounded queue; a reader that falls more than <see cref="Capacity"/> events behind loses the oldest (the database
/// still holds every message), so a stalled reader can neither block the client nor grow its memory.
/// </summary>
internal sealed class EventHub : IAsyncEnumerable<ClientEvent>
{
    /// <summary>Events queued per reader (1,000).</summary>
    public const int Capacity = 1_000;

    private readonly Lock _gate = new();
    private readonly List<Channel<ClientEvent>> _readers = [];
    private bool _completed;

    /// <summary>Queues an event for every reader.</summary>
    public void Publish(ClientEvent clientEvent)
    {
        lock (_gate)
        {
            foreach (var reader in _readers)
                reader.Writer.TryWrite(clientEvent);
        }
    }

    /// <summary>Ends every reader's stream (the client closed).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            foreach (var reader in _readers)
                reader.Writer.TryComplete();
        }
    }

    /// <summary>Subscribes at once (not at the first read), so nothing published after this call is missed.</summary>
    public IAsyncEnumerator<ClientEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        ReadAsync(Subscribe(), cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>A new reader's queue (tests read it directly).</summary>
    public Channel<ClientEvent> Subscribe()
    {
        var channel = Channel.CreateBounded<ClientEvent>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            if (_completed)
                channel.Writer.TryComplete();
            else
                _readers.Add(channel);
        }
        return channel;
    }

    private async IAsyncEnumerable<ClientEvent> ReadAsync(Channel<ClientEvent> channel, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var clientEvent))
                    yield return clientEvent;
            }
        }
        finally
        {
            lock (_gate)
                _readers.Remove(channel);
        }
    }
}
