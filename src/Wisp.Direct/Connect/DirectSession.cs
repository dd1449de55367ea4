using System.Net;
using Wisp.Crypto.Keys;
using Wisp.Direct.Secure;
using Wisp.Direct.Streams;

namespace Wisp.Direct.Connect;

/// <summary>
/// An encrypted, ordered, message-framed duplex with one peer: frames go through a <see cref="SecretStream"/> (keys
/// from the Noise handshake) over a <see cref="ReliableStream"/> on the endpoint's UDP socket, straight or relayed.
/// </summary>
public sealed class DirectSession : IAsyncDisposable
{
    private readonly SecretStream _secure;
    private readonly ReliableStream _stream;
    private readonly Action<DirectSession> _onClosed;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _bytesSent, _bytesReceived, _framesSent, _framesReceived;
    private int _disposed;

    internal DirectSession(
        SecretStream secure, ReliableStream stream, X25519PublicKey remoteKey, bool isInitiator, DirectPath path,
        IPEndPoint remoteEndPoint, DateTimeOffset openedAt, Action<DirectSession> onClosed)
    {
        _secure = secure;
        _stream = stream;
        _onClosed = onClosed;
        RemoteKey = remoteKey;
        IsInitiator = isInitiator;
        Path = path;
        RemoteEndPoint = remoteEndPoint;
        OpenedAt = openedAt;
    }

    /// <summary>The peer's direct key (proved by the Noise handshake).</summary>
    public X25519PublicKey RemoteKey { get; }

    /// <summary>True on the side that called <see cref="DirectEndpoint.ConnectAsync(X25519PublicKey, CancellationToken)"/>.</summary>
    public bool IsInitiator { get; }

    /// <summary>Straight or through a blind relay; may change from relayed to direct once (see <see cref="PathChanged"/>).</summary>
    public DirectPath Path { get; private set; }

    /// <summary>Where packets go: the peer's address, or the relay's when relayed.</summary>
    public IPEndPoint RemoteEndPoint { get; private set; }

    /// <summary>When the session opened.</summary>
    public DateTimeOffset OpenedAt { get; }

    /// <summary>Completes when the session ends, for whatever reason.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Raised when a relayed session moves to a direct path.</summary>
    public event Action<DirectSession>? PathChanged;

    /// <summary>Counters so far.</summary>
    public DirectSessionStats Stats => new(
        Interlocked.Read(ref _bytesSent), Interlocked.Read(ref _bytesReceived),
        Interlocked.Read(ref _framesSent), Interlocked.Read(ref _framesReceived), OpenedAt);

    /// <summary>Sends one frame (1 byte to <see cref="Limits.MaxFrameBytes"/>); frames arrive whole and in order.</summary>
    public async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken ct)
    {
        if (frame.Length is 0 or > Limits.MaxFrameBytes)
            throw new ArgumentOutOfRangeException(nameof(frame), $"A frame is 1 to {Limits.MaxFrameBytes} bytes; got {frame.Length}.");
        ObjectDisposedException.ThrowIf(_closed.Task.IsCompleted, this);
        try
        {
            await _secure.SendAsync(frame, ct);
        }
        catch (IOException)
        {
            MarkClosed();
            throw;
        }
        Interlocked.Add(ref _bytesSent, frame.Length);
        Interlocked.Increment(ref _framesSent);
    }

    /// <summary>The next frame, or null once the session has ended (closed by either side, or broken).</summary>
    public async ValueTask<byte[]?> ReceiveAsync(CancellationToken ct)
    {
        if (_closed.Task.IsCompleted) return null;
        byte[]? frame;
        try
        {
            frame = await _secure.ReceiveAsync(ct);
        }
        catch (IOException)
        {
            frame = null;
        }
        catch (ObjectDisposedException)
        {
            frame = null;
        }
        if (frame is null)
        {
            MarkClosed();
            return null;
        }
        Interlocked.Add(ref _bytesReceived, frame.Length);
        Interlocked.Increment(ref _framesReceived);
        return frame;
    }

    /// <summary>Closes in order (the peer reads null after every frame sent before) and releases the stream.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        using var timeout = new CancellationTokenSource(Limits.CloseTimeout);
        try
        {
            await _secure.CloseAsync(timeout.Token);
            await _stream.EndAsync(timeout.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The peer is gone or slow: the close is best-effort, the release below is not.
        }
        await _secure.DisposeAsync();
        _stream.Dispose();
        MarkClosed();
    }

    internal ReliableStream Stream => _stream;

    /// <summary>Moves a relayed session onto a punched path (the stream resends what is unacked there).</summary>
    internal void UpgradeToDirect(IPEndPoint peer, uint peerStreamId)
    {
        _stream.ChangeRemote(peer, peerStreamId);
        RemoteEndPoint = peer;
        Path = DirectPath.Direct;
        PathChanged?.Invoke(this);
    }

    internal DirectSessionInfo Info() =>
        new(RemoteKey, Path, RemoteEndPoint, IsInitiator, Interlocked.Read(ref _bytesSent), Interlocked.Read(ref _bytesReceived), OpenedAt);

    private void MarkClosed()
    {
        if (_closed.TrySetResult()) _onClosed(this);
    }
}
