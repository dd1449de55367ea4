using System.Net;
using Wisp.Dht.Nat;
using Wisp.Dht.Rpc;
using Wisp.Dht.Transport;
using Wisp.Protocol.Dht;

namespace Wisp.Dht;

// Pings and NAT samples, from this node's socket or from another one (a punch socket with no DHT node on it).
public sealed partial class DhtNode
{
    /// <summary>Pings <paramref name="node"/> from this node's socket, or from <paramref name="via"/> (a socket with no DHT node on it); null on timeout.</summary>
    /// <exception cref="InvalidOperationException"><paramref name="via"/> already has a DHT node or a ping in progress on it.</exception>
    public async Task<PingReply?> PingAsync(IPEndPoint node, IDatagramTransport? via = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (via is null || ReferenceEquals(via, Transport))
            return await PingWithAsync(_rpc, node, cancellationToken).ConfigureAwait(false);
        using var rpc = new DhtRpc(via, _time, serve: false);
        return await PingWithAsync(rpc, node, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pings up to <paramref name="pings"/> known nodes (most recently seen first, else the bootstrap list) from this socket or from <paramref name="via"/>, and reports what they saw.</summary>
    public async Task<NatSamples> SampleNatAsync(IDatagramTransport? via = null, int pings = 4, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pings, 1);
        var nodes = _table.All().OrderByDescending(c => c.Seen).Select(c => c.EndPoint)
            .Concat(_options.Bootstrap.Select(DhtAddress.Normalize)).Distinct().Take(pings).ToList();
        DhtRpc? own = via is null || ReferenceEquals(via, Transport) ? null : new DhtRpc(via, _time, serve: false);
        try
        {
            var replies = await Task.WhenAll(nodes.Select(n => PingWithAsync(own ?? _rpc, n, cancellationToken))).ConfigureAwait(false);
            var answered = replies.OfType<PingReply>().ToList();
            return new NatSamples(answered, NatSampler.Decide([.. answered.Select(r => r.ObservedAddress)]));
        }
        finally
        {
            own?.Dispose();
        }
    }

    /// <summary>
    /// HyperDHT's reachability check: asks up to <see cref="Limits.FirewallCheckNodes"/> nodes (PING_NAT) to send a
    /// datagram to our public address from a second socket of theirs; if one arrives, datagrams nobody asked for reach
    /// this socket and <see cref="Firewalled"/> turns false. True when reachable. Needs our public port (a socket
    /// behind a NAT that varies it is firewalled by definition). An address-restricted NAT (one that admits any port
    /// of a host it wrote to) passes this check although strangers cannot reach it: the check cannot tell them apart.
    /// </summary>
    public async Task<bool> CheckFirewallAsync(CancellationToken cancellationToken)
    {
        if (!_firewalled) return true;
        if (PublicEndPoint is not { Port: not 0 } seen) return false;
        var port = new byte[2];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(port, (ushort)seen.Port);
        var nodes = _table.All().OrderByDescending(c => c.Seen).Select(c => c.EndPoint)
            .Concat(_options.Bootstrap.Select(DhtAddress.Normalize)).Distinct().Take(Limits.FirewallCheckNodes).ToList();
        var replies = await Task.WhenAll(nodes.Select(n =>
            _rpc.RequestAsync(n, DhtCommand.PingNat, null, port, null, 0, cancellationToken, fromOtherPort: true))).ConfigureAwait(false);
        if (replies.Any(r => r is not null)) _firewalled = false;
        return !_firewalled;
    }

    private static async Task<PingReply?> PingWithAsync(DhtRpc rpc, IPEndPoint node, CancellationToken cancellationToken)
    {
        var reply = await rpc.RequestAsync(node, DhtCommand.Ping, null, null, null, Limits.RequestRetries, cancellationToken).ConfigureAwait(false);
        return reply is null ? null : new PingReply(reply.From, reply.Response.To);
    }
}
