using System.Net;

namespace Wisp.Dht.Nat;

/// <summary>
/// Our public address from what other nodes report (the <c>to</c> of their replies), one sample per node, the last
/// <see cref="Limits.NatSamples"/> kept. As dht-rpc's sampler: host:port when nearly all samples agree (slack 0–3
/// as samples grow), host:0 when the host agrees but ports vary (a randomizing NAT), else unknown.
/// </summary>
internal sealed class NatSampler
{
    private readonly List<(IPEndPoint Node, IPEndPoint Seen)> _samples = [];

    public void Add(IPEndPoint node, IPEndPoint seen)
    {
        lock (_samples)
        {
            _samples.RemoveAll(s => s.Node.Equals(node));
            _samples.Add((node, seen));
            if (_samples.Count > Limits.NatSamples) _samples.RemoveAt(0);
        }
    }

    public int Count
    {
        get { lock (_samples) return _samples.Count; }
    }

    public IPEndPoint? Consensus
    {
        get
        {
            lock (_samples) return Decide(_samples.Select(s => s.Seen).ToList());
        }
    }

    /// <summary>The consensus of <paramref name="seen"/> by dht-rpc's rule.</summary>
    public static IPEndPoint? Decide(IReadOnlyList<IPEndPoint> seen)
    {
        if (seen.Count == 0) return null;
        var slack = seen.Count < 4 ? 0 : seen.Count < 8 ? 1 : seen.Count < 12 ? 2 : 3;
        var need = seen.Count - slack;
        var top = seen.GroupBy(s => s).MaxBy(g => g.Count())!;
        if (top.Count() >= need) return top.Key;
        var host = seen.GroupBy(s => s.Address).MaxBy(g => g.Count())!;
        return host.Count() >= need ? new IPEndPoint(host.Key, 0) : null;
    }
}
