using System.Net;
using Wisp.Node.Admission;
using Wisp.Testing;

namespace Wisp.Node.Tests.Admission;

public sealed class ClientRateLimiterTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.1");

    [Fact]
    public void A_client_gets_its_burst_then_waits_for_tokens()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new ClientRateLimiter(ratePerSecond: 10, burst: 3, clock);

        var burst = Enumerable.Range(0, 3).Select(_ => limiter.TryAcquire(Client).Allowed).ToList();
        var refused = limiter.TryAcquire(Client);
        clock.Advance(TimeSpan.FromMilliseconds(100));
        var refilled = limiter.TryAcquire(Client);

        Assert.All(burst, Assert.True);
        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromMilliseconds(100), refused.RetryAfter);
        Assert.True(refilled.Allowed);
    }

    [Fact]
    public void Clients_have_separate_buckets_but_an_ipv6_slash_64_shares_one()
    {
        var limiter = new ClientRateLimiter(1, 1, new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        Assert.True(limiter.TryAcquire(IPAddress.Parse("192.0.2.1")).Allowed);
        Assert.True(limiter.TryAcquire(IPAddress.Parse("192.0.2.2")).Allowed);
        Assert.True(limiter.TryAcquire(IPAddress.Parse("2001:db8:0:1::1")).Allowed);
        Assert.False(limiter.TryAcquire(IPAddress.Parse("2001:db8:0:1::ffff")).Allowed);
        Assert.True(limiter.TryAcquire(IPAddress.Parse("2001:db8:0:2::1")).Allowed);
        Assert.False(limiter.TryAcquire(IPAddress.Parse("::ffff:192.0.2.1")).Allowed);
    }

    [Fact]
    public void Past_the_tracking_cap_new_clients_share_one_bucket_and_idle_ones_are_forgotten()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new ClientRateLimiter(1, 1, clock, maxClients: 2);

        limiter.TryAcquire(IPAddress.Parse("192.0.2.1"));
        limiter.TryAcquire(IPAddress.Parse("192.0.2.2"));
        var firstNewcomer = limiter.TryAcquire(IPAddress.Parse("192.0.2.3"));
        var secondNewcomer = limiter.TryAcquire(IPAddress.Parse("192.0.2.4"));
        var trackedWhileFull = limiter.TrackedClients;
        clock.Advance(TimeSpan.FromMinutes(1));
        limiter.TryAcquire(IPAddress.Parse("192.0.2.5"));

        Assert.True(firstNewcomer.Allowed);
        Assert.False(secondNewcomer.Allowed);
        Assert.Equal(2, trackedWhileFull);
        Assert.Equal(1, limiter.TrackedClients);
    }

    [Fact]
    public void Rate_zero_lifts_the_limit()
    {
        var limiter = new ClientRateLimiter(0, 1, new ManualTimeProvider(DateTimeOffset.UnixEpoch));

        Assert.All(Enumerable.Range(0, 1_000), _ => Assert.True(limiter.TryAcquire(Client).Allowed));
        Assert.Equal(0, limiter.TrackedClients);
    }
}
