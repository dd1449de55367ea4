using System.Net;
using System.Threading.Channels;
using Wisp.Direct.Streams;

namespace Wisp.Direct.Tests.Streams;

/// <summary>
/// An in-process datagram network for stream tests: one pump delivers in send order except that, by a seeded coin,
/// it drops, duplicates or holds a datagram back behind the next one. <see cref="Partition"/> cuts an address off.
/// </summary>
internal sealed class LossyNetwork : IAsyncDisposable
{
    private readonly Channel<(IPEndPoint From, IPEndPoint To, byte[] Datagram)> _queue = Channel.CreateUnbounded<(IPEndPoint, IPEndPoint, byte[])>();
    private readonly Dictionary<IPEndPoint, Action<IPEndPoint, byte[]>> _handlers = [];
    private readonly HashSet<IPEndPoint> _cut = [];
    private readonly Random _random;
    private readonly Task _pump;
    private int _next = 1;

    public LossyNetwork(int seed, double loss = 0, double duplicate = 0, double reorder = 0)
    {
        _random = new Random(seed);
        Loss = loss;
        Duplicate = duplicate;
        Reorder = reorder;
        _pump = Task.Run(PumpAsync);
    }

    public double Loss { get; set; }

    public double Duplicate { get; set; }

    public double Reorder { get; set; }

    private long _delivered;

    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>A new address on the network with the handler its datagrams go to, and the sink it sends through.</summary>
    public (IPEndPoint EndPoint, IPacketSink Sink) Attach(Action<IPEndPoint, byte[]> handler)
    {
        lock (_handlers)
        {
            var endpoint = new IPEndPoint(IPAddress.Parse($"10.0.0.{_next++}"), 4000);
            _handlers[endpoint] = handler;
            return (endpoint, new Sink(this, endpoint));
        }
    }

    /// <summary>A stream multiplexer on a new address.</summary>
    public Peer AttachStreams(StreamOptions options)
    {
        StreamMultiplexer? mux = null;
        var (endpoint, sink) = Attach((from, datagram) => mux!.OnDatagram(from, datagram));
        mux = new StreamMultiplexer(sink, TimeProvider.System, options);
        return new Peer(mux, endpoint, sink);
    }

    /// <summary>An address with its stream multiplexer and the sink it sends through.</summary>
    public sealed record Peer(StreamMultiplexer Mux, IPEndPoint EndPoint, IPacketSink Sink);

    /// <summary>Drops everything to and from <paramref name="endpoint"/> from now on.</summary>
    public void Partition(IPEndPoint endpoint)
    {
        lock (_handlers)
            _cut.Add(endpoint);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _pump;
    }

    private async Task PumpAsync()
    {
        (IPEndPoint From, IPEndPoint To, byte[] Datagram)? held = null;
        await foreach (var item in _queue.Reader.ReadAllAsync())
        {
            if (_random.NextDouble() < Loss)
                continue;
            if (held is null && _random.NextDouble() < Reorder)
            {
                held = item;
                continue;
            }
            Deliver(item);
            if (_random.NextDouble() < Duplicate)
                Deliver(item);
            if (held is { } late)
            {
                held = null;
                Deliver(late);
            }
        }
    }

    private void Deliver((IPEndPoint From, IPEndPoint To, byte[] Datagram) item)
    {
        Action<IPEndPoint, byte[]>? handler;
        lock (_handlers)
        {
            if (_cut.Contains(item.From) || _cut.Contains(item.To) || !_handlers.TryGetValue(item.To, out handler))
                return;
        }
        Interlocked.Increment(ref _delivered);
        handler(item.From, item.Datagram.ToArray());
    }

    private sealed class Sink(LossyNetwork network, IPEndPoint from) : IPacketSink
    {
        public void Send(IPEndPoint to, byte[] datagram) => network._queue.Writer.TryWrite((from, to, datagram));
    }
}
