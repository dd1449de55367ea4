using System.Net;
using Wisp.Dht.Transport;
using Wisp.Protocol.Dht;

namespace Wisp.Dht.Rpc;

/// <summary>A reply and where it came from.</summary>
internal sealed record RpcReply(DhtResponse Response, IPEndPoint From);

/// <summary>
/// Requests and replies over one transport: transaction ids, per-request timeout and resends, the congestion
/// window, and round-trip tokens. Replies are matched by tid and must come from the address the request went to.
/// </summary>
internal sealed class DhtRpc : IDisposable
{
    private readonly IDatagramTransport _transport;
    private readonly TimeProvider _time;
    private readonly Dictionary<ushort, Pending> _pending = [];
    private readonly IDisposable _responses;
    private readonly IDisposable? _requests;
    private readonly ITimer _slots;
    private readonly TimeSpan _timeout;
    private ushort _nextTid;
    private int _slotCount;

    /// <summary>An RPC endpoint on <paramref name="transport"/>; with <paramref name="serve"/> false it only asks (a punch socket being sampled).</summary>
    public DhtRpc(IDatagramTransport transport, TimeProvider time, bool serve, TimeSpan? timeout = null)
    {
        _timeout = timeout ?? Limits.RequestTimeout;
        _transport = transport;
        _time = time;
        _nextTid = (ushort)Random.Shared.Next(ushort.MaxValue + 1);
        _responses = transport.Demux.Register(DatagramKinds.DhtResponse, OnResponseDatagram);
        try
        {
            if (serve) _requests = transport.Demux.Register(DatagramKinds.DhtRequest, OnRequestDatagram);
        }
        catch
        {
            _responses.Dispose();
            throw;
        }
        _slots = time.CreateTimer(_ => OnSlot(), null, Limits.CongestionSlot, Limits.CongestionSlot);
    }

    public IDatagramTransport Transport => _transport;

    public TokenSecrets Tokens { get; } = new();

    public CongestionWindow Window { get; } = new();

    /// <summary>The id this side puts in its messages; null for an ephemeral node (never enters routing tables).</summary>
    public Func<byte[]?> LocalId { get; set; } = () => null;

    /// <summary>Each well-formed request received (called on the receive loop).</summary>
    public Action<DhtRequest, IPEndPoint>? OnRequest { get; set; }

    /// <summary>Each response that answers one of our requests (NAT samples, routing-table updates).</summary>
    public Action<DhtResponse, IPEndPoint>? OnResponse { get; set; }

    /// <summary>Datagrams that did not parse.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    private long _malformed;

    /// <summary>Sends a request and waits for its reply, resending after each timeout; null when none came.</summary>
    /// <remarks>
    /// With <paramref name="fromOtherPort"/> the reply must come from the same host but another port (PING_NAT's
    /// answer from the node's second socket), and it feeds neither the NAT samples nor the routing table.
    /// </remarks>
    public async Task<RpcReply?> RequestAsync(
        IPEndPoint to, DhtCommand command, byte[]? target, byte[]? value, byte[]? token, int retries, CancellationToken cancellationToken,
        bool fromOtherPort = false)
    {
        to = DhtAddress.Normalize(to);
        var pending = new Pending(to, fromOtherPort);
        ushort tid;
        lock (_pending)
        {
            if (_pending.Count >= Limits.MaxPendingRequests) return null;
            do tid = _nextTid++; while (_pending.ContainsKey(tid));
            _pending[tid] = pending;
        }
        try
        {
            var datagram = new DhtRequest(tid, to, LocalId(), token, command, target, value).Encode();
            for (var attempt = 0; attempt <= retries; attempt++)
            {
                await Window.TakeAsync(cancellationToken).ConfigureAwait(false);
                await _transport.SendAsync(datagram, to, cancellationToken: cancellationToken).ConfigureAwait(false);
                try
                {
                    return await pending.Reply.Task.WaitAsync(_timeout, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Resend, or give up after the last one.
                }
            }
            return null;
        }
        finally
        {
            lock (_pending) _pending.Remove(tid);
        }
    }

    /// <summary>Sends a request that expects no reply of its own (a relay passing a peer message on, keeping the client's tid).</summary>
    public ValueTask SendRequestAsync(IPEndPoint to, ushort tid, DhtCommand command, byte[]? target, byte[]? value) =>
        _transport.SendAsync(new DhtRequest(tid, to, LocalId(), null, command, target, value).Encode(), to);

    /// <summary>Sends a response with <paramref name="tid"/> to <paramref name="to"/>.</summary>
    public ValueTask ReplyAsync(
        IPEndPoint to, ushort tid, byte[]? token, IReadOnlyList<IPEndPoint>? closer, DhtError error = DhtError.None, byte[]? value = null) =>
        _transport.SendAsync(new DhtResponse(tid, to, LocalId(), token, closer, error, value).Encode(), to);

    private void OnRequestDatagram(ReadOnlyMemory<byte> datagram, IPEndPoint from)
    {
        var request = DhtRequest.Parse(datagram.Span);
        if (request is null)
        {
            Interlocked.Increment(ref _malformed);
            return;
        }
        OnRequest?.Invoke(request, from);
    }

    private void OnResponseDatagram(ReadOnlyMemory<byte> datagram, IPEndPoint from)
    {
        var response = DhtResponse.Parse(datagram.Span);
        if (response is null)
        {
            Interlocked.Increment(ref _malformed);
            return;
        }
        Pending? pending;
        lock (_pending) _pending.TryGetValue(response.Tid, out pending);
        // A reply from anywhere but where the request went is ignored: it cannot be the answer.
        if (pending is null) return;
        if (pending.FromOtherPort)
        {
            if (!pending.To.Address.Equals(from.Address) || pending.To.Port == from.Port) return;
            Window.Received();
            pending.Reply.TrySetResult(new RpcReply(response, from));
            return;
        }
        if (!pending.To.Equals(from)) return;
        Window.Received();
        OnResponse?.Invoke(response, from);
        pending.Reply.TrySetResult(new RpcReply(response, from));
    }

    private void OnSlot()
    {
        Window.Rotate();
        if (Interlocked.Increment(ref _slotCount) % Limits.TokenRotationSlots == 0) Tokens.Rotate();
    }

    public void Dispose()
    {
        _slots.Dispose();
        _responses.Dispose();
        _requests?.Dispose();
        lock (_pending)
        {
            foreach (var pending in _pending.Values) pending.Reply.TrySetResult(null);
            _pending.Clear();
        }
    }

    private sealed class Pending(IPEndPoint to, bool fromOtherPort)
    {
        public IPEndPoint To { get; } = to;

        public bool FromOtherPort { get; } = fromOtherPort;

        public TaskCompletionSource<RpcReply?> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
