using System.Net;
using Wisp.Direct.Punching;

namespace Wisp.Direct.Tests.Punching;

/// <summary>Address tokens: a host is verified only by echoing the token we gave that host.</summary>
public sealed class AddressTokenTests
{
    [Fact]
    public void An_echoed_token_verifies_its_host_and_no_other()
    {
        using var tokens = new AddressTokens();
        var host = IPAddress.Parse("203.0.113.7");
        var token = tokens.For(host);

        Assert.True(tokens.Verify(host, token));
        Assert.False(tokens.Verify(IPAddress.Parse("203.0.113.8"), token));
        Assert.False(tokens.Verify(host, token.AsSpan(1)));
    }

    [Fact]
    public void Another_endpoints_token_does_not_verify()
    {
        using var ours = new AddressTokens();
        using var theirs = new AddressTokens();
        var host = IPAddress.Parse("203.0.113.7");
        Assert.False(ours.Verify(host, theirs.For(host)));
    }

    [Fact]
    public void The_random_punch_throttle_allows_one_at_a_time_and_then_waits()
    {
        var time = new Wisp.Testing.ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var throttle = new PunchThrottle(time, TimeSpan.FromSeconds(20));

        Assert.True(throttle.TryEnter());
        Assert.False(throttle.TryEnter());
        throttle.Exit();
        Assert.False(throttle.TryEnter());
        time.Advance(TimeSpan.FromSeconds(21));
        Assert.True(throttle.TryEnter());
    }
}
