using System.Net;
using Wisp.Dht.Nat;

namespace Wisp.Dht.Tests.Rpc;

/// <summary>The public address from nodes' reports: host:port when they agree, host:0 when only the host does.</summary>
public sealed class NatSamplerTests
{
    private static readonly IPAddress Host = IPAddress.Parse("203.0.113.9");

    [Fact]
    public void AgreeingSamples_GiveHostAndPort()
    {
        Assert.Equal(new IPEndPoint(Host, 4000), NatSampler.Decide([new(Host, 4000), new(Host, 4000), new(Host, 4000)]));
    }

    [Fact]
    public void PortsThatVary_GiveTheHostWithPortZero()
    {
        Assert.Equal(new IPEndPoint(Host, 0), NatSampler.Decide([new(Host, 4000), new(Host, 4001), new(Host, 4002), new(Host, 4003)]));
    }

    [Fact]
    public void OneOddSampleInEight_IsWithinTheSlack()
    {
        var samples = Enumerable.Repeat(new IPEndPoint(Host, 4000), 7).Append(new IPEndPoint(Host, 5000)).ToList();

        Assert.Equal(new IPEndPoint(Host, 4000), NatSampler.Decide(samples));
    }

    [Fact]
    public void HostsThatDisagree_GiveNothing()
    {
        Assert.Null(NatSampler.Decide([new(Host, 1), new(IPAddress.Loopback, 1)]));
        Assert.Null(NatSampler.Decide([]));
    }

    [Fact]
    public void TheSampler_KeepsOneSamplePerNode_AndTheLatest16()
    {
        var sampler = new NatSampler();
        for (var i = 0; i < 20; i++) sampler.Add(new IPEndPoint(IPAddress.Loopback, i + 1), new IPEndPoint(Host, 4000));
        sampler.Add(new IPEndPoint(IPAddress.Loopback, 20), new IPEndPoint(Host, 4000));

        Assert.Equal(Limits.NatSamples, sampler.Count);
        Assert.Equal(new IPEndPoint(Host, 4000), sampler.Consensus);
    }
}
