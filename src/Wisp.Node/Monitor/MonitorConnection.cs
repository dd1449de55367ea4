using System.Net.WebSockets;
using System.Threading.Channels;

namespace Wisp.Node.Monitor;

/// <summary>
/// One subscriber's WebSocket and its outgoing queue. Frames are queued by the dispatcher (notifications) and by the
/// reader (replies) and sent by one writer loop in queue order. The queue is counted in bytes: a subscriber whose
/// unsent frames would pass <see cref="MonitorBounds.MaxQueuedBytes"/> is dropped ("subscriber too slow"), the queue
/// discarded, and the socket closed with 1008 after the frame already on the wire — never more memory held for it.
/// </summary>
internal sealed class MonitorConnection(WebSocket socket, long maxQueuedBytes, Action? tooSlow = null)
{
    /// <summary>The close text a slow subscriber gets.</summary>
    public const string TooSlow = "subscriber too slow";

    // Unbounded in items but bounded in bytes by _queued: the bound that matters for memory is bytes.
    private readonly Channel<byte[]> _out = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closing = new();
    private long _queued;
    private int _dropped;

    /// <summary>This connection's subscriptions by account hex (guarded by the <see cref="MonitorTable"/>'s lock).</summary>
    public Dictionary<string, MonitorEntry> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>The highest cursor queued to this subscriber (dispatcher only): nothing at or below it is sent again.</summary>
    public long LastSent { get; set; }

    /// <summary>Set (under the table's lock) when the connection has ended: nothing may subscribe on it any more.</summary>
    public bool Ended { get; set; }

    /// <summary>True once a subscribe or resume frame was handled: a resume must come first.</summary>
    public bool Subscribed { get; set; }

    /// <summary>Bytes queued and not yet sent.</summary>
    public long QueuedBytes => Volatile.Read(ref _queued);

    /// <summary>Why the node closes the connection (null while it is open).</summary>
    public (WebSocketCloseStatus Status, string Reason)? CloseReason { get; private set; }

    /// <summary>Cancelled when the node decides to close the connection.</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>Queues a frame; false (and the subscriber dropped) when it would pass the byte bound.</summary>
    public bool Enqueue(byte[] frame)
    {
        if (Volatile.Read(ref _dropped) != 0)
            return false;
        if (Interlocked.Add(ref _queued, frame.Length) > maxQueuedBytes)
        {
            Interlocked.Add(ref _queued, -frame.Length);
            if (Volatile.Read(ref _dropped) == 0) tooSlow?.Invoke();
            Close(WebSocketCloseStatus.PolicyViolation, TooSlow);
            return false;
        }
        if (!_out.Writer.TryWrite(frame))
            Interlocked.Add(ref _queued, -frame.Length);
        return true;
    }

    /// <summary>Ends the connection with <paramref name="status"/> and <paramref name="reason"/>; queued frames are discarded.</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref _dropped, 1) != 0)
            return;
        CloseReason = (status, reason);
        _out.Writer.TryComplete();
        _closing.Cancel();
    }

    /// <summary>Sends queued frames until the connection closes, then the close frame when the node is the one closing.</summary>
    public async Task RunWriterAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var frame in _out.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                if (Volatile.Read(ref _dropped) != 0)
                    break;
                await socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, stopping).ConfigureAwait(false);
                Interlocked.Add(ref _queued, -frame.Length);
            }
            if (CloseReason is { } close && socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(close.Status, close.Reason, stopping).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The subscriber went away or the node is stopping: nothing left to send to.
        }
        finally
        {
            while (_out.Reader.TryRead(out _)) { } // what was never sent is dropped, not held
            Volatile.Write(ref _queued, 0);
        }
    }

    /// <summary>Stops the writer once the reader is done (the subscriber closed, or the node is stopping).</summary>
    public void Complete() => _out.Writer.TryComplete();
}
