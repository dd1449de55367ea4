using System.Collections.Concurrent;
using System.Net;
using Wisp.Crypto.Keys;
using Wisp.Dht;
using Wisp.Dht.Transport;
using Wisp.Direct.Punching;
using Wisp.Direct.Relay;
using Wisp.Direct.Secure;
using Wisp.Direct.Streams;
using Wisp.Protocol.Direct;

namespace Wisp.Direct.Connect;

/// <summary>What the listening and the connecting halves of an endpoint share: the socket and the layers on it.</summary>
internal sealed class EndpointCore : IAsyncDisposable
{
    private readonly List<IDisposable> _registrations = [];
    private readonly ConcurrentDictionary<IPEndPoint, IDatagramTransport> _routes = new();
    private readonly ConcurrentBag<IDatagramTransport> _adopted = [];

    public EndpointCore(DirectEndpointOptions options, IDatagramTransport transport)
    {
        Options = options;
        Time = options.Time;
        Transport = transport;
        NoiseKey = X25519KeyPair.FromEd25519(options.KeyPair);
        Dht = new DhtNode(transport, new DhtOptions { Bootstrap = options.Bootstrap }, options.Time);
        var sink = new TransportSink(transport, to => _routes.TryGetValue(to, out var via) ? via : null);
        Streams = new StreamMultiplexer(sink, options.Time);
        Relay = new RelayClient(sink, options.Time);
        Probes = new ProbeWatcher(transport);
        Nat = new NatView(Dht);
        Throttle = new PunchThrottle(options.Time, options.Timings.RandomPunchInterval);
        _registrations.Add(transport.Demux.Register(DatagramKinds.Stream, (d, from) => Streams.OnDatagram(from, d.Span)));
        _registrations.Add(transport.Demux.Register(DatagramKinds.RelayControl, (d, from) => Relay.OnDatagram(from, d.Span)));
        _registrations.Add(transport.Demux.RegisterProbe(Probes.OnProbe));
    }

    public DirectEndpointOptions Options { get; }

    public PunchTimings Timings => Options.Timings;

    public TimeProvider Time { get; }

    public IDatagramTransport Transport { get; }

    public X25519KeyPair NoiseKey { get; }

    public DhtNode Dht { get; }

    public StreamMultiplexer Streams { get; }

    public RelayClient Relay { get; }

    public ProbeWatcher Probes { get; }

    public NatView Nat { get; }

    public PunchThrottle Throttle { get; }

    public AddressTokens Tokens { get; } = new();

    public ConcurrentDictionary<DirectSession, byte> Sessions { get; } = new();

    /// <summary>Where we can be reached: the public address(es) the DHT sees, then our LAN addresses.</summary>
    public IReadOnlyList<IPEndPoint> OurAddresses()
    {
        var port = Transport.LocalEndPoint.Port;
        var lan = Transport.LocalEndPoint.Address.Equals(IPAddress.Any)
            ? NatView.LanAddresses(port)
            : [Transport.LocalEndPoint];
        return Nat.PublicAddresses.Concat(lan).Distinct().Take(Limits.MaxAddresses).ToList();
    }

    /// <summary>
    /// Takes over a birthday punch's winning socket: its stream datagrams join our multiplexer, and packets for
    /// <paramref name="peer"/> leave through it (the NAT mapping the peer reached).
    /// </summary>
    public void Adopt(IDatagramTransport socket, IPEndPoint peer)
    {
        _registrations.Add(socket.Demux.Register(DatagramKinds.Stream, (d, from) => Streams.OnDatagram(from, d.Span)));
        _routes[peer] = socket;
        _adopted.Add(socket);
    }

    /// <summary>Runs the secret-stream start over a connected stream and registers the session.</summary>
    public async Task<DirectSession> OpenSessionAsync(
        ReliableStream stream, Crypto.Noise.NoiseTransport keys, X25519PublicKey remote, bool initiator, DirectPath path,
        CancellationToken ct)
    {
        var secure = await SecretStream.StartAsync(stream, keys, new SecretStreamOptions { MaxMessageBytes = Limits.MaxFrameBytes }, ct: ct);
        var remoteEndPoint = stream.Stats.Remote ?? new IPEndPoint(IPAddress.None, 0);
        var session = new DirectSession(secure, stream, remote, initiator, path, remoteEndPoint, Time.GetUtcNow(),
            s => Sessions.TryRemove(s, out _));
        Sessions[session] = 0;
        return session;
    }

    /// <summary>Makes the session's stream send and demand DESTROY proofs keyed by this handshake (see <see cref="StreamPacket.DestroyProof"/>).</summary>
    public static void BindDestroy(ReliableStream stream, Crypto.Noise.NoiseTransport keys) =>
        stream.RequireDestroyProof(
            StreamPacket.DestroyProof(keys.HandshakeHash, keys.IsInitiator),
            StreamPacket.DestroyProof(keys.HandshakeHash, !keys.IsInitiator));

    public static FirewallClass ToWire(NatClass nat) => (FirewallClass)(byte)nat;

    public static NatClass FromWire(FirewallClass firewall) =>
        Enum.IsDefined((NatClass)(byte)firewall) ? (NatClass)(byte)firewall : NatClass.Unknown;

    public async ValueTask DisposeAsync()
    {
        foreach (var session in Sessions.Keys) await session.DisposeAsync();
        foreach (var registration in _registrations) registration.Dispose();
        await Dht.DisposeAsync();
        await Transport.DisposeAsync();
        foreach (var socket in _adopted) await socket.DisposeAsync();
        Tokens.Dispose();
        NoiseKey.Dispose();
    }
}
