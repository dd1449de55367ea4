using System.Collections.Concurrent;
using System.Threading.Channels;
using Wisp.Client.Direct;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Direct;

/// <summary>
/// Direct sessions in memory, for the unit tests of direct mode's logic (the real stack is exercised by the
/// integration tests): endpoints listen on their key behind their firewall, and a link can be made deaf (frames to it
/// vanish, so nothing is acked) or killed.
/// </summary>
internal sealed class InMemoryDirectNetwork
{
    private readonly ConcurrentDictionary<string, InMemoryTransport> _listening = new();

    /// <summary>Every link made, in order.</summary>
    public ConcurrentQueue<InMemoryLink> Links { get; } = new();

    /// <summary>When true, a connect gives a relayed link, as between NATs punching did not get through.</summary>
    public bool Relayed { get; set; }

    /// <summary>The first direct-only connect (1-based) that gets through; those before fail. Default: every one.</summary>
    public int DirectOpensFromTry { get; set; } = 1;

    /// <summary>Direct-only connects asked for so far.</summary>
    public int DirectTries;

    public InMemoryTransport Endpoint() => new(this);

    internal void Listen(string key, InMemoryTransport transport) => _listening[key] = transport;

    internal void Leave(string key) => _listening.TryRemove(key, out _);

    private TaskCompletionSource? _gate;
    private TaskCompletionSource[] _finished = [];
    private int _gateWaiting, _gateCount;
    private bool _lastFirst;

    /// <summary>Connects held at the gate of <see cref="HoldConnects"/> so far.</summary>
    public int HeldConnects => Volatile.Read(ref _gateWaiting);

    /// <summary>
    /// Holds the next <paramref name="count"/> connects until all of them have started, so they cross (both sides
    /// connecting at once) rather than one finishing before the other begins. With <paramref name="lastFirst"/> they
    /// then complete one at a time, the last to start first (so the order both sides adopt them in is known).
    /// </summary>
    public void HoldConnects(int count, bool lastFirst = false)
    {
        _finished = [.. Enumerable.Range(0, count).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        _lastFirst = lastFirst;
        (_gateWaiting, _gateCount) = (0, count);
        _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    internal async Task<(IDirectLink?, string?)> ConnectAsync(InMemoryTransport from, ReadOnlyMemory<byte> remoteKey, bool directOnly = false)
    {
        if (directOnly && Interlocked.Increment(ref DirectTries) < DirectOpensFromTry)
            return (null, "PunchFailed: no direct path opened");
        if (_gate is not { } gate)
            return await OpenAsync(from, remoteKey, directOnly);
        var (finished, lastFirst) = (_finished, _lastFirst);
        var ticket = Interlocked.Increment(ref _gateWaiting) - 1;
        if (ticket + 1 >= _gateCount)
        {
            _gate = null;
            gate.TrySetResult();
        }
        await gate.Task.WaitAsync(TimeSpan.FromSeconds(30));
        try
        {
            if (lastFirst && ticket + 1 < finished.Length)
                await finished[ticket + 1].Task.WaitAsync(TimeSpan.FromSeconds(30));
            return await OpenAsync(from, remoteKey, directOnly);
        }
        finally
        {
            if (ticket < finished.Length)
                finished[ticket].TrySetResult();
        }
    }

    private async Task<(IDirectLink?, string?)> OpenAsync(InMemoryTransport from, ReadOnlyMemory<byte> remoteKey, bool directOnly)
    {
        if (!_listening.TryGetValue(Convert.ToHexStringLower(remoteKey.Span), out var to))
            return (null, "not found");
        if (!to.Firewall!(from.Key!.X25519PublicKey.Span.ToArray()))
            return (null, "refused");
        var (mine, theirs) = InMemoryLink.Pair(from.Key.X25519PublicKey, to.Key!.X25519PublicKey, Relayed && !directOnly ? MessagePath.Relayed : MessagePath.Direct);
        Links.Enqueue(mine);
        await to.Accepted!(theirs);
        return (mine, null);
    }
}

internal sealed class InMemoryTransport(InMemoryDirectNetwork network) : IDirectTransport
{
    public Ed25519KeyPair? Key { get; private set; }

    public Func<ReadOnlyMemory<byte>, bool>? Firewall { get; private set; }

    public Func<IDirectLink, Task>? Accepted { get; private set; }

    public Task StartAsync(Ed25519KeyPair key, Func<ReadOnlyMemory<byte>, bool> firewall, Func<IDirectLink, Task> accepted, CancellationToken cancellationToken)
    {
        (Key, Firewall, Accepted) = (key, firewall, accepted);
        network.Listen(key.X25519PublicKey.ToHex(), this);
        return Task.CompletedTask;
    }

    public Task<(IDirectLink? Link, string? Error)> ConnectAsync(ReadOnlyMemory<byte> remoteKey, CancellationToken cancellationToken) =>
        network.ConnectAsync(this, remoteKey);

    public Task<(IDirectLink? Link, string? Error)> ConnectDirectAsync(ReadOnlyMemory<byte> remoteKey, CancellationToken cancellationToken) =>
        network.ConnectAsync(this, remoteKey, directOnly: true);

    public DirectTransportStatus Status() => new(Key is not null, 1, "127.0.0.1:1", "OPEN", ["memory"]);

    public ValueTask DisposeAsync()
    {
        if (Key is not null)
            network.Leave(Key.X25519PublicKey.ToHex());
        return ValueTask.CompletedTask;
    }
}

internal sealed class InMemoryLink : IDirectLink
{
    private readonly Channel<byte[]> _inbox = Channel.CreateUnbounded<byte[]>();
    private InMemoryLink _other = null!;
    private long _sent, _received;

    private InMemoryLink(X25519PublicKey remote, MessagePath path) => (RemoteKey, Path) = (remote.Span.ToArray(), path);

    public static (InMemoryLink A, InMemoryLink B) Pair(X25519PublicKey a, X25519PublicKey b, MessagePath path = MessagePath.Direct)
    {
        var (toB, toA) = (new InMemoryLink(b, path), new InMemoryLink(a, path));
        (toB._other, toA._other) = (toA, toB);
        return (toB, toA);
    }

    /// <summary>The other end.</summary>
    public InMemoryLink Other => _other;

    /// <summary>Frames sent to this side vanish (the peer never sees them, so never acks).</summary>
    public bool Deaf { get; set; }

    /// <summary>Frames this side received.</summary>
    public int FramesReceived;

    public ReadOnlyMemory<byte> RemoteKey { get; }

    public MessagePath Path { get; }

    public string RemoteAddress => "127.0.0.1:1";

    public long BytesSent => Interlocked.Read(ref _sent);

    public long BytesReceived => Interlocked.Read(ref _received);

    public Task SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        if (!_other._inbox.Writer.TryWrite(frame.ToArray()) && !_other.Deaf)
            throw new IOException("the session has ended");
        Interlocked.Add(ref _sent, frame.Length);
        return Task.CompletedTask;
    }

    public async Task<ReadOnlyMemory<byte>?> ReceiveAsync(CancellationToken cancellationToken)
    {
        while (await _inbox.Reader.WaitToReadAsync(cancellationToken))
        {
            if (!_inbox.Reader.TryRead(out var frame))
                continue;
            if (Deaf)
                continue;
            Interlocked.Increment(ref FramesReceived);
            Interlocked.Add(ref _received, frame.Length);
            return frame;
        }
        return null;
    }

    /// <summary>Ends the session on both sides, as a dropped connection does.</summary>
    public void Kill()
    {
        _inbox.Writer.TryComplete();
        _other._inbox.Writer.TryComplete();
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }
}
