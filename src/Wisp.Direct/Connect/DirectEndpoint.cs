using System.Net;
using Wisp.Crypto.Keys;
using Wisp.Dht;
using Wisp.Dht.Transport;

namespace Wisp.Direct.Connect;

/// <summary>
/// One device's place on the direct path: one UDP socket carrying the DHT, hole-punch probes and streams; listens on
/// its direct key (announced at BLAKE2b-256 of it) and connects to others' keys, giving encrypted sessions.
/// </summary>
public sealed class DirectEndpoint : IAsyncDisposable
{
    private readonly EndpointCore _core;
    private readonly Connector _connector;
    private readonly CancellationTokenSource _stopping = new();
    private Listener? _listener;
    private DhtListener? _announcement;
    private int _disposed;

    private DirectEndpoint(EndpointCore core)
    {
        _core = core;
        _connector = new Connector(core);
    }

    /// <summary>Binds the socket, joins the DHT through the bootstrap nodes and classifies the NAT; IOException when no bootstrap node answers.</summary>
    public static async Task<DirectEndpoint> StartAsync(DirectEndpointOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.KeyPair, nameof(options.KeyPair));
        if (options.Bootstrap.Count == 0)
            throw new ArgumentException("At least one DHT bootstrap node is needed.", nameof(options));
        var transport = UdpDatagramTransport.Bind(options.Bind);
        var endpoint = new DirectEndpoint(new EndpointCore(options, transport));
        try
        {
            await endpoint._core.Dht.BootstrapAsync(ct);
            if (endpoint._core.Dht.RoutingTableSize == 0)
                throw new IOException("No DHT bootstrap node answered: UDP may be blocked, or the nodes are down");
            await endpoint._core.Nat.RefreshAsync(ct);
            return endpoint;
        }
        catch
        {
            await endpoint.DisposeAsync();
            throw;
        }
    }

    /// <summary>Our direct key, as contacts connect to it.</summary>
    public X25519PublicKey PublicKey => _core.Options.KeyPair.X25519PublicKey;

    /// <summary>The socket's local address.</summary>
    public IPEndPoint LocalEndPoint => _core.Transport.LocalEndPoint;

    /// <summary>Announces us on the DHT (its closest nodes become our handshake relays) and starts answering.</summary>
    public async Task ListenAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_listener is not null) return;
        var listener = new Listener(_core, _stopping.Token);
        _announcement = await _core.Dht.ListenAsync(_core.Options.KeyPair, listener.HandleAsync, ct);
        listener.Relays = _announcement.Relays;
        _listener = listener;
    }

    /// <summary>The next inbound session (after the firewall hook and the handshake).</summary>
    public async ValueTask<DirectSession> AcceptAsync(CancellationToken ct)
    {
        var listener = _listener ?? throw new InvalidOperationException("Call ListenAsync before AcceptAsync.");
        return await listener.Accepted.Reader.ReadAsync(ct);
    }

    /// <summary>Connects to the device listening on <paramref name="remoteDirectKey"/>; throws <see cref="DirectConnectException"/>.</summary>
    public Task<DirectSession> ConnectAsync(X25519PublicKey remoteDirectKey, CancellationToken ct) => ConnectAsync(remoteDirectKey, true, ct);

    /// <summary>
    /// Connects to <paramref name="remoteDirectKey"/>; with <paramref name="allowRelay"/> false a path that cannot be
    /// opened straight or punched fails (<see cref="DirectConnectError.PunchFailed"/>) instead of using a blind relay:
    /// the retry that tries to move a relayed session onto a direct path.
    /// </summary>
    public Task<DirectSession> ConnectAsync(X25519PublicKey remoteDirectKey, bool allowRelay, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(remoteDirectKey);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (remoteDirectKey.Equals(PublicKey)) throw new ArgumentException("That is our own direct key.", nameof(remoteDirectKey));
        return _connector.ConnectAsync(remoteDirectKey, allowRelay, ct);
    }

    /// <summary>A snapshot for <c>wisp p2p status</c>.</summary>
    public DirectStatus Status() => new(
        _core.Dht.RoutingTableSize,
        _core.Dht.PublicEndPoint,
        _core.Nat.Class,
        _listener is not null,
        _core.Sessions.Keys.Select(s => s.Info()).ToList());

    /// <summary>Withdraws the announcement, closes every session and the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stopping.CancelAsync();
        if (_announcement is not null)
        {
            try
            {
                await _announcement.DisposeAsync();
            }
            catch (Exception e) when (e is OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
            {
                // Unannouncing is a courtesy: the record expires on its own.
            }
        }
        await _core.DisposeAsync();
        _stopping.Dispose();
    }
}
