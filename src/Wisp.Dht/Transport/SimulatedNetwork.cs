using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Wisp.Protocol.Dht;

namespace Wisp.Dht.Transport;

/// <summary>
/// An in-process network of datagram transports for tests and the bench (never for anything a user runs): seeded
/// addresses and loss, and one pump delivering datagrams in the order they were sent, so a thousand nodes run in
/// one process without sockets.
/// </summary>
public sealed class SimulatedNetwork : IAsyncDisposable
{
    private readonly ConcurrentDictionary<IPEndPoint, SimulatedTransport> _bound = new();
    private readonly Channel<(byte[] Datagram, IPEndPoint From, IPEndPoint To)> _inFlight =
        Channel.CreateBounded<(byte[], IPEndPoint, IPEndPoint)>(new BoundedChannelOptions(Limits.SimulatedInFlightDatagrams)
        {
            FullMode = BoundedChannelFullMode.DropWrite, // a full network loses datagrams, as a congested one does
            SingleReader = true,
        });
    private readonly Random _random;
    private readonly double _loss;
    private readonly Task _pump;
    private int _nextHost;

    /// <summary>A network whose choices follow <paramref name="seed"/>; each datagram is lost with probability <paramref name="loss"/>.</summary>
    public SimulatedNetwork(int seed, double loss = 0)
    {
        if (loss is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(loss), loss, "Loss is a probability below 1.");
        _random = new Random(seed);
        _loss = loss;
        _pump = Task.Run(PumpAsync);
    }

    private long _delivered, _lost;

    /// <summary>Datagrams delivered so far.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Datagrams lost (chosen by the seed, sent to nobody, or dropped when the network was full).</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>
    /// A transport at <paramref name="endpoint"/>, or at the next free simulated address (10.x.y.z:49737). With
    /// <paramref name="dropsStrangers"/> it takes datagrams only from addresses it has sent to, as a stateful firewall
    /// (or a port-restricted NAT's filter) in front of it would.
    /// </summary>
    /// <exception cref="InvalidOperationException">The address is taken.</exception>
    public IDatagramTransport Bind(IPEndPoint? endpoint = null, bool dropsStrangers = false)
    {
        endpoint ??= NextAddress();
        var transport = new SimulatedTransport(this, DhtAddress.Normalize(endpoint), dropsStrangers);
        if (!_bound.TryAdd(transport.LocalEndPoint, transport))
            throw new InvalidOperationException($"{endpoint} is already bound in this simulated network.");
        return transport;
    }

    private IPEndPoint NextAddress()
    {
        var n = Interlocked.Increment(ref _nextHost);
        return new IPEndPoint(new IPAddress([10, (byte)(n >> 16), (byte)(n >> 8), (byte)n]), 49737);
    }

    private void Send(byte[] datagram, IPEndPoint from, IPEndPoint to)
    {
        bool lost;
        lock (_random) lost = _loss > 0 && _random.NextDouble() < _loss;
        if (lost || !_inFlight.Writer.TryWrite((datagram, from, DhtAddress.Normalize(to))))
            Interlocked.Increment(ref _lost);
    }

    private async Task PumpAsync()
    {
        await foreach (var (datagram, from, to) in _inFlight.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (!_bound.TryGetValue(to, out var transport) || !transport.Admits(from))
            {
                Interlocked.Increment(ref _lost);
                continue;
            }
            Interlocked.Increment(ref _delivered);
            transport.Demux.Dispatch(datagram, from);
        }
    }

    /// <summary>Stops delivering.</summary>
    public async ValueTask DisposeAsync()
    {
        _inFlight.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
    }

    private sealed class SimulatedTransport(SimulatedNetwork network, IPEndPoint local, bool dropsStrangers) : IDatagramTransport
    {
        private readonly ConcurrentDictionary<IPEndPoint, byte> _wroteTo = new();
        private bool _closed;

        public IPEndPoint LocalEndPoint { get; } = local;

        public DatagramDemux Demux { get; } = new();

        public ValueTask SendAsync(ReadOnlyMemory<byte> datagram, IPEndPoint to, int? ttl = null, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(to);
            if (dropsStrangers)
                _wroteTo.TryAdd(DhtAddress.Normalize(to), 0);
            if (!_closed) network.Send(datagram.ToArray(), LocalEndPoint, to);
            return ValueTask.CompletedTask;
        }

        public bool Admits(IPEndPoint from) => !dropsStrangers || _wroteTo.ContainsKey(from);

        public ValueTask DisposeAsync()
        {
            _closed = true;
            network._bound.TryRemove(new KeyValuePair<IPEndPoint, SimulatedTransport>(LocalEndPoint, this));
            return ValueTask.CompletedTask;
        }
    }
}
