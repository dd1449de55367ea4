using System.Net;
using Wisp.Direct.Punching;

namespace Wisp.Direct.Tests.Punching;

/// <summary>A socket's NAT class from the addresses DHT nodes saw it at, by HyperDHT's rules.</summary>
public sealed class NatClassifierTests
{
    private static NatClass Classify(params string[] seenAs)
    {
        var classifier = new NatClassifier();
        for (var i = 0; i < seenAs.Length; i++)
            classifier.Add(new NatSample(IPEndPoint.Parse(seenAs[i]), new IPEndPoint(IPAddress.Parse($"10.9.0.{i + 1}"), 4000)));
        return classifier.Class;
    }

    [Fact]
    public void Fewer_than_three_samples_are_unknown() =>
        Assert.Equal(NatClass.Unknown, Classify("1.2.3.4:5000", "1.2.3.4:5000"));

    [Fact]
    public void Three_hits_on_one_address_are_consistent() =>
        Assert.Equal(NatClass.Consistent, Classify("1.2.3.4:5000", "1.2.3.4:5000", "1.2.3.4:5000"));

    [Fact]
    public void Every_sample_different_is_random() =>
        Assert.Equal(NatClass.Random, Classify("1.2.3.4:5000", "1.2.3.4:5001", "1.2.3.4:5002"));

    [Fact]
    public void Two_hits_and_two_misses_on_one_host_are_random() =>
        Assert.Equal(NatClass.Random, Classify("1.2.3.4:5000", "1.2.3.4:5000", "1.2.3.4:6001", "1.2.3.4:6002"));

    [Fact]
    public void Two_hits_and_one_miss_wait_for_the_fourth_sample() =>
        Assert.Equal(NatClass.Unknown, Classify("1.2.3.4:5000", "1.2.3.4:5000", "1.2.3.4:6001"));

    [Fact]
    public void Double_hits_on_two_hosts_are_consistent() =>
        Assert.Equal(NatClass.Consistent, Classify("1.2.3.4:5000", "1.2.3.4:5000", "5.6.7.8:5000", "5.6.7.8:5000"));

    [Fact]
    public void A_node_that_answers_twice_counts_once()
    {
        var classifier = new NatClassifier();
        var node = IPEndPoint.Parse("10.9.0.1:4000");
        Assert.True(classifier.Add(new NatSample(IPEndPoint.Parse("1.2.3.4:5000"), node)));
        Assert.False(classifier.Add(new NatSample(IPEndPoint.Parse("1.2.3.4:5000"), node)));
        Assert.False(classifier.Add(new NatSample(IPEndPoint.Parse("1.2.3.4:5000"), node)));
        Assert.Equal((1, NatClass.Unknown), (classifier.Sampled, classifier.Class));
    }

    [Fact]
    public void A_consistent_nat_advertises_its_address_and_a_random_one_only_its_host()
    {
        var consistent = new NatClassifier();
        var random = new NatClassifier();
        for (var i = 0; i < 4; i++)
        {
            var from = new IPEndPoint(IPAddress.Parse($"10.9.0.{i + 1}"), 4000);
            consistent.Add(new NatSample(IPEndPoint.Parse("1.2.3.4:5000"), from));
            random.Add(new NatSample(new IPEndPoint(IPAddress.Parse("5.6.7.8"), 7000 + i), from));
        }
        Assert.Equal([IPEndPoint.Parse("1.2.3.4:5000")], consistent.Addresses());
        Assert.Equal([IPEndPoint.Parse("5.6.7.8:0")], random.Addresses());
    }
}
