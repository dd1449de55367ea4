using System.Net;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Dht;

namespace Wisp.Dht;

/// <summary>
/// A server listening on a key: announced at the <see cref="Limits.ServerRelays"/> closest nodes to its target
/// (they become its relays and keep a forward entry), pinging them every <see cref="Limits.ServerRelayPingInterval"/>
/// so its NAT mappings to them stay open, announcing afresh when one goes quiet or every
/// <see cref="Limits.ServerReannounceInterval"/>. Disposing unannounces.
/// </summary>
public sealed class DhtListener : IAsyncDisposable
{
    private readonly DhtNode _node;
    private readonly Ed25519KeyPair _keyPair;
    private readonly CancellationTokenSource _stop = new();
    private IReadOnlyList<IPEndPoint> _relays = [];
    private Task _loop = Task.CompletedTask;

    internal DhtListener(DhtNode node, Ed25519KeyPair keyPair, PeerRequestHandler handler, TimeProvider time)
    {
        _node = node;
        _keyPair = keyPair;
        Handler = handler;
        Time = time;
        PublicKey = keyPair.X25519PublicKey;
        Target = DhtId.ForServer(PublicKey);
    }

    /// <summary>The key clients find this server by.</summary>
    public X25519PublicKey PublicKey { get; }

    /// <summary>Where in the DHT the server is found: BLAKE2b-256 of <see cref="PublicKey"/>.</summary>
    public DhtId Target { get; }

    /// <summary>The nodes relaying for this server now (at most <see cref="Limits.ServerRelays"/>).</summary>
    public IReadOnlyList<IPEndPoint> Relays => Volatile.Read(ref _relays);

    internal PeerRequestHandler Handler { get; }

    internal TimeProvider Time { get; }

    internal CancellationToken Stopping => _stop.Token;

    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        await AnnounceAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(() => KeepAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Finds the closest nodes to our target and announces ourselves to them; they hold our forward entry.</summary>
    internal async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        var found = await _node.QueryAsync(Target, DhtCommand.FindPeer, null, cancellationToken).ConfigureAwait(false);
        var best = found.Closest.Take(Limits.ServerRelays).ToList();
        var relays = best.Select(b => b.From).ToList();
        var record = new PeerRecordWire(PublicKey.Span.ToArray(), relays);
        await _node.CommitAsync(Target, DhtCommand.Announce, record, _keyPair, best, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _relays, relays);
    }

    private async Task KeepAsync(CancellationToken stopping)
    {
        var lastAnnounce = Time.GetTimestamp();
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(Limits.ServerRelayPingInterval, Time, stopping).ConfigureAwait(false);
                var relays = Relays;
                var pings = await Task.WhenAll(relays.Select(r => _node.PingAsync(r, null, stopping))).ConfigureAwait(false);
                var alive = pings.Count(p => p is not null);
                if (alive < Math.Min(Limits.ServerRelays, relays.Count) || relays.Count == 0
                    || Time.GetElapsedTime(lastAnnounce) >= Limits.ServerReannounceInterval)
                {
                    await AnnounceAsync(stopping).ConfigureAwait(false);
                    lastAnnounce = Time.GetTimestamp();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    /// <summary>Stops answering and refreshing, without telling the relays (the node is going away).</summary>
    internal async Task StopAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await StopAsync().ConfigureAwait(false);
        _node.StopListening(this);
        // Best effort: the relays forget us now rather than when the entry expires.
        using var bounded = new CancellationTokenSource(Limits.RequestTimeout * (Limits.RequestRetries + 2), Time);
        try
        {
            var found = await _node.QueryAsync(Target, DhtCommand.FindPeer, null, bounded.Token).ConfigureAwait(false);
            var record = new PeerRecordWire(PublicKey.Span.ToArray(), []);
            await _node.CommitAsync(Target, DhtCommand.Unannounce, record, _keyPair, found.Closest.Take(Limits.ServerRelays), bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The entries expire on their own.
        }
    }
}
