using System.Net;

namespace Wisp.Direct.Punching;

/// <summary>
/// Classifies one socket's NAT from the addresses DHT nodes report seeing it at (their <c>to</c> field), with
/// HyperDHT's rules: three hits on one host:port is consistent, all different is random, and a few ties in between.
/// One sample per answering node counts; not thread-safe (the owner serialises).
/// </summary>
public sealed class NatClassifier
{
    private readonly List<Tally> _full = [];
    private readonly List<Tally> _hosts = [];
    private readonly HashSet<IPEndPoint> _seenFrom = [];

    /// <summary>Samples counted so far (one per distinct answering node).</summary>
    public int Sampled { get; private set; }

    /// <summary>The class so far; <see cref="NatClass.Unknown"/> below three samples.</summary>
    public NatClass Class { get; private set; }

    /// <summary>True once the class will not change with more of the expected samples.</summary>
    public bool Settled => Class == NatClass.Consistent || Sampled >= Limits.NatSamplePings;

    /// <summary>Counts a sample unless its node already answered; returns whether it counted.</summary>
    public bool Add(NatSample sample)
    {
        if (Sampled >= Limits.MaxNatSamples || !_seenFrom.Add(sample.From)) return false;
        Count(_hosts, new IPEndPoint(sample.SeenAs.Address, 0));
        Count(_full, sample.SeenAs);
        Sampled++;
        if (Sampled >= 3) Class = Decide();
        return true;
    }

    /// <summary>
    /// The addresses to advertise: for a consistent NAT every host:port seen twice (at least the top two), for a
    /// random one only the host (port 0), none while unknown.
    /// </summary>
    public IReadOnlyList<IPEndPoint> Addresses() => Class switch
    {
        NatClass.Random => [_hosts[0].Address],
        NatClass.Consistent or NatClass.Open =>
            _full.Where((t, i) => t.Hits >= 2 || i < 2).Select(t => t.Address).ToList(),
        _ => [],
    };

    private NatClass Decide()
    {
        var top = _full[0].Hits;
        if (top >= 3) return NatClass.Consistent;
        if (top == 1) return NatClass.Random;
        // Two hits at the top: one host with two or more misses is a NAT picking ports per destination...
        if (_hosts.Count == 1 && Sampled > 3) return NatClass.Random;
        // ...while a double hit on each of two hosts is a consistent NAT with two public addresses.
        if (_hosts.Count > 1 && _full[1].Hits > 1) return NatClass.Consistent;
        // All the samples we expected and still no decision: assume the worse.
        return Sampled > Limits.NatSamplePings ? NatClass.Random : Class;
    }

    private static void Count(List<Tally> tallies, IPEndPoint address)
    {
        var i = tallies.FindIndex(t => t.Address.Equals(address));
        if (i < 0)
        {
            tallies.Add(new Tally(address));
            return;
        }
        tallies[i].Hits++;
        // Keep the list ordered by hits, most first, earliest first among equals.
        for (; i > 0 && tallies[i - 1].Hits < tallies[i].Hits; i--)
            (tallies[i - 1], tallies[i]) = (tallies[i], tallies[i - 1]);
    }

    private sealed class Tally(IPEndPoint address)
    {
        public IPEndPoint Address { get; } = address;
        public int Hits { get; set; } = 1;
    }
}
