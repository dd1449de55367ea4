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

    private static async Task<PingReply?> PingWithAsync(DhtRpc rpc, IPEndPoint node, CancellationToken cancellationToken)
    {
        var reply = await rpc.RequestAsync(node, DhtCommand.Ping, null, null, null, Limits.RequestRetries, cancellationToken).ConfigureAwait(false);
        return reply is null ? null : new PingReply(reply.From, reply.Response.To);
    }
}
