using System.Threading.Channels;

namespace Wisp.Web.Bots;

/// <summary>
/// The open event streams: each has a bounded queue of frames for one room, fed from the community's changes. A queue
/// that fills (a bot that stopped reading) is completed with <see cref="TooSlow"/> so its stream closes, rather than
/// dropping frames a bot would never know it missed.
/// </summary>
internal sealed class BotStreams
{
    private readonly Lock _gate = new();
    private readonly List<Subscription> _open = [];
    private int _count;

    public BotStreams(IBotCommunity community) => community.Changed += Publish;

    /// <summary>Set when a queue overflowed: the stream closes with 1008 and tells the bot to reconnect with <c>since</c>.</summary>
    public static readonly Exception TooSlow = new InvalidOperationException("too slow");

    /// <summary>A new queue for <paramref name="room"/>; null when <see cref="BotLimits.MaxEventStreams"/> are open.</summary>
    public Subscription? Open(string room)
    {
        if (Interlocked.Increment(ref _count) > BotLimits.MaxEventStreams)
        {
            Interlocked.Decrement(ref _count);
            return null;
        }
        var subscription = new Subscription(this, room, Channel.CreateBounded<object>(new BoundedChannelOptions(BotLimits.MaxQueuedFrames)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        }));
        lock (_gate)
            _open.Add(subscription);
        return subscription;
    }

    /// <summary>Ends every stream (the host stops).</summary>
    public void Close()
    {
        lock (_gate)
        {
            foreach (var subscription in _open)
                subscription.Frames.Writer.TryComplete();
        }
    }

    private void Publish(BotRoomEvent change)
    {
        lock (_gate)
        {
            foreach (var subscription in _open)
            {
                if (subscription.Room == change.Room && !subscription.Frames.Writer.TryWrite(change.Frame))
                    subscription.Frames.Writer.TryComplete(TooSlow);
            }
        }
    }

    /// <summary>One stream's queue; disposing removes it.</summary>
    internal sealed class Subscription(BotStreams owner, string room, Channel<object> frames) : IDisposable
    {
        public string Room => room;

        public Channel<object> Frames => frames;

        public void Dispose()
        {
            lock (owner._gate)
            {
                if (!owner._open.Remove(this))
                    return;
            }
            Interlocked.Decrement(ref owner._count);
            frames.Writer.TryComplete();
        }
    }
}
