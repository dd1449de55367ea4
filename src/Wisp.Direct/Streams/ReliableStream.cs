using System.Net;
using Wisp.Protocol.Direct;

namespace Wisp.Direct.Streams;

/// <summary>
/// A reliable, ordered, flow- and congestion-controlled byte stream over UDP datagrams, modelled on UDX: packets of at
/// most 1,200 bytes, cumulative and selective acks, RTO from SRTT/RTTVAR, NewReno congestion control, a receive
/// window bounded by the reader, keep-alive, idle timeout, orderly END and abrupt DESTROY. All state sits behind one
/// lock; the sender, receiver and timer halves live in the partial files beside this one.
/// </summary>
public sealed partial class ReliableStream : Stream
{
    private readonly StreamMultiplexer _mux;
    private readonly StreamOptions _options;
    private readonly Lock _gate = new();
    private readonly long _origin;
    private readonly ITimer _timer;
    private readonly TaskCompletionSource _connected = NewSignal();
    private IPEndPoint? _remote;
    private uint _remoteId;
    private Func<IPEndPoint, bool>? _claimFilter;
    private bool _awaitingClaim;
    private StreamCloseReason _closed;
    private TimeSpan _closedAt;
    private TimeSpan _lastHeard;
    private TimeSpan _lastSent;
    private TaskCompletionSource? _readWaiter;
    private TaskCompletionSource? _writeWaiter;
    private long _packetsSent;
    private long _packetsReceived;
    private byte[]? _destroyProof;
    private byte[]? _expectedDestroyProof;

    internal ReliableStream(StreamMultiplexer mux, uint localId, StreamOptions options)
    {
        if (options.MaxReceiveBufferBytes < Limits.MinBufferBytes || options.MaxSendBufferBytes < Limits.MinBufferBytes)
            throw new ArgumentException($"stream buffers are at least {Limits.MinBufferBytes} bytes", nameof(options));
        _mux = mux;
        _options = options;
        LocalId = localId;
        _origin = mux.Time.GetTimestamp();
        _rto = options.InitialRto;
        _peerWindow = Limits.InitialWindowPackets * StreamPacket.MaxPayloadBytes;
        _timer = mux.Time.CreateTimer(_ => Tick(), null, options.Tick, options.Tick);
    }

    /// <summary>This side's stream id: the peer (or the relay) addresses packets to it.</summary>
    public uint LocalId { get; }

    /// <summary>Completes once the remote address is known; faults if the stream closes first.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Why the stream stopped, or <see cref="StreamCloseReason.None"/> while open.</summary>
    public StreamCloseReason CloseReason
    {
        get
        {
            lock (_gate)
                return _closed;
        }
    }

    private TimeSpan Now => _mux.Time.GetElapsedTime(_origin);

    /// <summary>Sends to <paramref name="remote"/>, addressing packets to the peer's stream id <paramref name="remoteId"/>.</summary>
    public void Connect(IPEndPoint remote, uint remoteId)
    {
        lock (_gate)
        {
            ThrowIfClosed();
            if (_remote is not null || _awaitingClaim)
                throw new InvalidOperationException("the stream is already connected or waiting for its first packet");
            SetRemote(remote, remoteId);
            Pump(Now);
        }
    }

    /// <summary>
    /// Waits for the first packet addressed to this stream and takes its source as the remote, if
    /// <paramref name="accept"/> agrees (the firewall hook hole punching uses to pick the winning address).
    /// </summary>
    public void ConnectOnFirstPacket(uint remoteId, Func<IPEndPoint, bool>? accept = null)
    {
        lock (_gate)
        {
            ThrowIfClosed();
            if (_remote is not null || _awaitingClaim)
                throw new InvalidOperationException("the stream is already connected or waiting for its first packet");
            _remoteId = remoteId;
            _claimFilter = accept;
            _awaitingClaim = true;
        }
    }

    /// <summary>Moves the stream to another path (relay → direct): new address and remote id; unacked data is resent there.</summary>
    public void ChangeRemote(IPEndPoint remote, uint remoteId)
    {
        lock (_gate)
        {
            ThrowIfClosed();
            _awaitingClaim = false;
            SetRemote(remote, remoteId);
            ResetPath();
            SendControl(StreamPacketType.Ping);
            Pump(Now);
        }
    }

    /// <summary>Sends an orderly END after all written data and waits until the peer acknowledged it.</summary>
    public async Task EndAsync(CancellationToken cancellationToken = default)
    {
        Task acked;
        lock (_gate)
        {
            if (_closed is not StreamCloseReason.None and not StreamCloseReason.Ended)
                throw new StreamClosedException(_closed);
            _endRequested = true;
            acked = _endAcked.Task;
            Pump(Now);
        }
        await acked.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tears the stream down at once and tells the peer (DESTROY); pending reads and writes fail.</summary>
    public void Destroy()
    {
        lock (_gate)
        {
            if (_closed == StreamCloseReason.None)
                Close(StreamCloseReason.DestroyedLocally, tellPeer: true);
        }
    }

    /// <summary>
    /// Binds DESTROY to the session: ours carries <paramref name="send"/>, and a DESTROY from the peer is taken only
    /// with <paramref name="expect"/> (anything else is dropped; the stream then ends by idle timeout if the peer is
    /// really gone). Stream packets are not authenticated, so without this anyone who sees the stream ids could end it.
    /// </summary>
    internal void RequireDestroyProof(byte[] send, byte[] expect)
    {
        if (send.Length != StreamPacket.DestroyProofBytes || expect.Length != StreamPacket.DestroyProofBytes)
            throw new ArgumentException($"a DESTROY proof is {StreamPacket.DestroyProofBytes} bytes");
        lock (_gate)
            (_destroyProof, _expectedDestroyProof) = (send, expect);
    }

    /// <summary>True once <see cref="RequireDestroyProof"/> bound DESTROY to a session.</summary>
    internal bool DestroyNeedsProof
    {
        get
        {
            lock (_gate)
                return _expectedDestroyProof is not null;
        }
    }

    /// <summary>The multiplexer this stream lives on (tests send raw datagrams from its socket).</summary>
    internal StreamMultiplexer Multiplexer => _mux;

    /// <summary>Sends an unreliable datagram on the stream (MESSAGE), at most <see cref="StreamPacket.MaxPayloadBytes"/>.</summary>
    public void SendMessage(ReadOnlySpan<byte> message)
    {
        if (message.Length is 0 or > StreamPacket.MaxPayloadBytes)
            throw new ArgumentOutOfRangeException(nameof(message), $"a message is 1 to {StreamPacket.MaxPayloadBytes} bytes");
        lock (_gate)
        {
            ThrowIfClosed();
            if (_remote is not null)
                SendPacket(StreamPacketType.Message, _sndNxt, message.ToArray(), withSacks: false);
        }
    }

    /// <summary>Raised (outside the stream's lock) for each MESSAGE datagram received.</summary>
    public event Action<ReadOnlyMemory<byte>>? MessageReceived;

    /// <summary>A snapshot of the counters.</summary>
    public StreamStats Stats
    {
        get
        {
            lock (_gate)
                return new StreamStats(LocalId, _remoteId, _remote, _closed, _bytesSent, _bytesReceived, _packetsSent,
                    _packetsReceived, _retransmits, _srtt, _rto, _cwnd, _unsentBytes + _inflightBytes, _readableBytes + _outOfOrderBytes);
        }
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Nothing to do: data leaves as soon as the windows allow.</summary>
    public override void Flush() { }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <summary>Reads what has arrived in order, waiting for at least one byte; 0 after the peer's END and every byte before it.</summary>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
            return 0;
        while (true)
        {
            Task wait;
            lock (_gate)
            {
                if (_readableBytes > 0)
                    return TakeReadable(buffer.Span);
                if (_remoteEnded)
                    return 0;
                ThrowIfClosed();
                wait = (_readWaiter ??= NewSignal()).Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Queues the bytes for sending, waiting while the send buffer is full (the peer's window bounds it).</summary>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var offset = 0;
        while (offset < buffer.Length)
        {
            Task wait;
            lock (_gate)
            {
                ThrowIfClosed();
                if (_endRequested)
                    throw new InvalidOperationException("the stream was ended; nothing more can be written");
                var space = _options.MaxSendBufferBytes - (_unsentBytes + _inflightBytes);
                if (space > 0)
                {
                    var n = (int)Math.Min(space, buffer.Length - offset);
                    _unsent.Enqueue(buffer.Slice(offset, n).ToArray());
                    _unsentBytes += n;
                    offset += n;
                    Pump(Now);
                    continue;
                }
                wait = (_writeWaiter ??= NewSignal()).Task;
            }
            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Destroys the stream unless both sides already ended in order.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            Destroy();
        base.Dispose(disposing);
    }

    /// <summary>Ends in order (waiting a bounded time for the peer's ack), then releases the stream.</summary>
    public override async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(_options.IdleTimeout);
            await EndAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            // the peer is gone or never acked: destroying below is all that is left to do
        }
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    private void SetRemote(IPEndPoint remote, uint remoteId)
    {
        _remote = remote;
        _remoteId = remoteId;
        _lastHeard = Now;
        _connected.TrySetResult();
    }

    private void ThrowIfClosed()
    {
        if (_closed != StreamCloseReason.None)
            throw new StreamClosedException(_closed);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void Wake(ref TaskCompletionSource? waiter)
    {
        waiter?.TrySetResult();
        waiter = null;
    }
}
