using System.Net;
using Wisp.Dht.Nat;
using Wisp.Dht.Queries;
using Wisp.Dht.Routing;
using Wisp.Dht.Rpc;
using Wisp.Dht.Storage;
using Wisp.Dht.Transport;
using Wisp.Protocol.Dht;

namespace Wisp.Dht;

/// <summary>
/// Wisp's DHT node: Kademlia over one UDP socket, announce and lookup by topic, servers found by key through forward
/// entries, and the stateless relaying of peers' handshake and hole-punch messages.
/// </summary>
public sealed partial class DhtNode : IAsyncDisposable
{
    private readonly DhtOptions _options;
    private readonly TimeProvider _time;
    private readonly DhtRpc _rpc;
    private readonly NatSampler _nat = new();
    private readonly RecordStore _records;
    private readonly ForwardStore _forwards;
    private readonly ITimer _tick;
    private readonly bool _ownsTransport;
    private readonly IDatagramTransport? _checkSocket;
    private readonly bool _ownsCheckSocket;
    private RoutingTable _table;
    private DhtId? _id;
    private int _repings;
    private int _downChecks;
    private long _ticks;
    private bool _firewalled = true;
    private int _disposed;

    /// <summary>A node on <paramref name="transport"/>; registers the DHT's two first bytes on its demux.</summary>
    public DhtNode(IDatagramTransport transport, DhtOptions options, TimeProvider? time = null)
        : this(transport, options, time, ownsTransport: false, ownsCheckSocket: false)
    {
    }

    private DhtNode(IDatagramTransport transport, DhtOptions options, TimeProvider? time, bool ownsTransport, bool ownsCheckSocket)
    {
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        Transport = transport;
        _options = options;
        _time = time ?? TimeProvider.System;
        _ownsTransport = ownsTransport;
        _checkSocket = options.NatCheckSocket;
        _ownsCheckSocket = ownsCheckSocket;
        _records = new RecordStore(_time);
        _forwards = new ForwardStore(_time);
        if (options.PublicEndPoint is { } known)
        {
            _id = Contact.IdOf(DhtAddress.Normalize(known));
            _firewalled = false;
        }
        _table = new RoutingTable(_id ?? DhtId.Hash(Wisp.Crypto.RandomBytes.Get(32)));
        _rpc = new DhtRpc(transport, _time, serve: true, options.RequestTimeout)
        {
            LocalId = () => options.Persistent && _id is { } id ? id.ToArray() : null,
            OnRequest = OnRequest,
            OnResponse = OnResponse,
        };
        _tick = _time.CreateTimer(_ => OnTick(), null, Limits.Tick, Limits.Tick);
    }

    /// <summary>
    /// A node on a new real UDP socket bound to <paramref name="local"/>; a persistent one also binds its PING_NAT
    /// socket (same address, any port) unless the options give one. Disposing the node closes the sockets it bound.
    /// </summary>
    public static DhtNode BindUdp(IPEndPoint local, DhtOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transport = UdpDatagramTransport.Bind(local);
        IDatagramTransport? check = null;
        try
        {
            if (options.Persistent && options.NatCheckSocket is null)
            {
                check = UdpDatagramTransport.Bind(new IPEndPoint(local.Address, 0));
                options = options with { NatCheckSocket = check };
            }
            return new DhtNode(transport, options, time, ownsTransport: true, ownsCheckSocket: check is not null);
        }
        catch
        {
            transport.DisposeAsync().AsTask().GetAwaiter().GetResult();
            check?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>The socket this node speaks on.</summary>
    public IDatagramTransport Transport { get; }

    /// <summary>BLAKE2b-256 of the node's public ip(4) ‖ port(u16 LE) once known; a random id until then.</summary>
    public DhtId Id => _id ?? _table.Self;

    /// <summary>True when this node stores records and forward entries and is offered to others.</summary>
    public bool Persistent => _options.Persistent;

    /// <summary>Our public address from what other nodes observe (port 0 when it varies); null while unknown.</summary>
    public IPEndPoint? PublicEndPoint => _options.PublicEndPoint is { } known ? DhtAddress.Normalize(known) : _nat.Consensus;

    /// <summary>True until a check shows unsolicited datagrams reach this socket (a node given its public address is taken as open).</summary>
    public bool Firewalled => _firewalled;

    /// <summary>Nodes in the routing table.</summary>
    public int RoutingTableSize => _table.Count;

    /// <summary>Topics this node holds records for.</summary>
    public int StoredTopics => _records.Topics;

    /// <summary>Servers this node relays for.</summary>
    public int ForwardEntries => _forwards.Count;

    /// <summary>Rotates the token secrets now (tests: a token two rotations old is stale).</summary>
    internal void RotateTokens() => _rpc.Tokens.Rotate();

    /// <summary>Received DHT datagrams that did not parse (dropped).</summary>
    public long MalformedDatagrams => _rpc.Malformed;

    /// <summary>
    /// Joins the DHT: pings the bootstrap nodes (NAT samples, and our id if persistent), then FIND_NODE on our own id,
    /// then on a point in each of the first <see cref="Limits.BootstrapFarRows"/> rows, whose nodes a self-lookup never meets.
    /// </summary>
    public async Task BootstrapAsync(CancellationToken cancellationToken)
    {
        var pings = _options.Bootstrap.Select(b => PingAsync(b, null, cancellationToken)).ToList();
        var replies = await Task.WhenAll(pings).ConfigureAwait(false);
        // No bootstrap node answered and nobody is known: every lookup would ask the same silent nodes again (seconds
        // of retries each). Stop here; a caller sees RoutingTableSize 0 (UDP blocked, or the nodes are down).
        if (replies.All(r => r is null) && _table.Count == 0) return;
        LearnId();
        await RefreshAsync(Id, cancellationToken).ConfigureAwait(false);
        var far = Enumerable.Range(0, Limits.BootstrapFarRows).Select(row => RefreshAsync(Id.WithBitFlipped(row), cancellationToken));
        await Task.WhenAll(far).ConfigureAwait(false);
    }

    /// <summary>A FIND_NODE query on <paramref name="target"/>: fills the table along the way.</summary>
    internal Task<QueryResult> RefreshAsync(DhtId target, CancellationToken cancellationToken) =>
        QueryAsync(target, DhtCommand.FindNode, null, cancellationToken);

    internal Task<QueryResult> QueryAsync(DhtId target, DhtCommand command, byte[]? value, CancellationToken cancellationToken)
    {
        var seeds = _table.Closest(target, Limits.K).Select(c => c.EndPoint).ToList();
        if (seeds.Count < Limits.K) seeds.AddRange(_options.Bootstrap.Select(DhtAddress.Normalize));
        var query = new Query(_rpc, target, command, value, OwnAddresses());
        return query.RunAsync(seeds, cancellationToken);
    }

    private HashSet<IPEndPoint> OwnAddresses()
    {
        var own = new HashSet<IPEndPoint> { Transport.LocalEndPoint };
        if (PublicEndPoint is { Port: not 0 } seen) own.Add(seen);
        return own;
    }

    // A persistent node takes the id of the address others see, once they agree on one (at bootstrap, or from any
    // later reply when it had no one to ask at first).
    private void LearnId()
    {
        lock (_nat)
        {
            if (!_options.Persistent || _id is not null || _nat.Consensus is not { Port: not 0 } seen) return;
            var id = Contact.IdOf(seen);
            var table = new RoutingTable(id);
            foreach (var contact in _table.All()) table.Add(contact, out _);
            _table = table;
            _id = id;
            _firewalled = false;
        }
    }

    private void OnResponse(DhtResponse response, IPEndPoint from)
    {
        _nat.Add(from, response.To);
        if (_id is null && _options.Persistent) LearnId();
        if (response.Id is not null) Saw(response.Id, from);
    }

    /// <summary>Adds a node that proved its id (the hash of its source address) to the table, pinging a full row's oldest.</summary>
    private void Saw(byte[] claimedId, IPEndPoint from)
    {
        var contact = new Contact(from, _time.GetTimestamp());
        if (contact.Id != DhtId.FromBytes(claimedId)) return;
        if (_table.Add(contact, out var oldest) != AddResult.RowFull || oldest is null) return;
        if (Interlocked.Increment(ref _repings) > Limits.MaxConcurrentRepings)
        {
            Interlocked.Decrement(ref _repings);
            return;
        }
        _ = RepingAsync(oldest, contact);
    }

    private async Task RepingAsync(Contact oldest, Contact newcomer)
    {
        try
        {
            var reply = await _rpc.RequestAsync(oldest.EndPoint, DhtCommand.Ping, null, null, null, Limits.RequestRetries, CancellationToken.None).ConfigureAwait(false);
            if (reply is null) _table.Replace(oldest, newcomer);
        }
        finally
        {
            Interlocked.Decrement(ref _repings);
        }
    }

    private void OnTick()
    {
        var tick = Interlocked.Increment(ref _ticks);
        _records.Sweep();
        _forwards.Sweep();
        if (tick % Limits.PingEveryTicks == 0)
            foreach (var stale in _table.LeastRecentlySeen(3)) _ = CheckAliveAsync(stale);
        if (tick % Limits.RefreshEveryTicks == 0 || (_table.Count < Limits.K && tick % 6 == 0))
            _ = RefreshQuietlyAsync();
    }

    private async Task RefreshQuietlyAsync()
    {
        try
        {
            await RefreshAsync(DhtId.Hash(Wisp.Crypto.RandomBytes.Get(32)), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception) when (_disposed != 0)
        {
            // Stopped mid-refresh.
        }
    }

    private async Task CheckAliveAsync(Contact contact)
    {
        var reply = await _rpc.RequestAsync(contact.EndPoint, DhtCommand.Ping, null, null, null, Limits.RequestRetries, CancellationToken.None).ConfigureAwait(false);
        if (reply is null) _table.Remove(contact.Id);
        else contact.Seen = _time.GetTimestamp();
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _tick.DisposeAsync().ConfigureAwait(false);
        await StopListenersAsync().ConfigureAwait(false);
        _rpc.Dispose();
        if (_ownsTransport) await Transport.DisposeAsync().ConfigureAwait(false);
        if (_ownsCheckSocket && _checkSocket is not null) await _checkSocket.DisposeAsync().ConfigureAwait(false);
    }
}
