using Wisp.Client.Tests.Support;
using Wisp.Client.Transport;

namespace Wisp.Client.Tests.Transport;

/// <summary>The clock offset maths, on a fake machine clock: network time follows the nodes, whatever the machine says.</summary>
public sealed class NetworkClockTests
{
    private static readonly DateTimeOffset NetworkNow = DateTimeOffset.FromUnixTimeMilliseconds(1_760_000_000_000);

    [Theory]
    [InlineData(3600)]
    [InlineData(-3600)]
    [InlineData(0)]
    public void AMachineClockOffByAnHourSignsWithTheNodesTimeAfterOneReading(int machineOffsetSeconds)
    {
        var machine = new FakeTime(NetworkNow.AddSeconds(machineOffsetSeconds));
        var clock = new NetworkClock(machine);

        Assert.True(clock.Observe(NetworkNow.ToUnixTimeMilliseconds()));

        Assert.Equal(-machineOffsetSeconds * 1000L, clock.OffsetMs);
        machine.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(NetworkNow.AddSeconds(30).ToUnixTimeMilliseconds(), clock.NowMs());
    }

    [Fact]
    public void WithoutAReadingTheMachineClockIsUsed()
    {
        var clock = new NetworkClock(new FakeTime(NetworkNow));

        Assert.Equal(NetworkNow.ToUnixTimeMilliseconds(), clock.NowMs());
        Assert.Equal(0, clock.SampleCount);
    }

    [Fact]
    public void OneNodeWithAWrongClockDoesNotMoveTheOffset()
    {
        var clock = new NetworkClock(new FakeTime(NetworkNow));
        var now = NetworkNow.ToUnixTimeMilliseconds();

        clock.Observe(now + 1_000);
        clock.Observe(now + 1_200);
        clock.Observe(now + 86_400_000); // a node a day ahead
        clock.Observe(now + 900);

        Assert.InRange(clock.OffsetMs, 900, 1_200);
    }

    [Fact]
    public void OnlyTheLastFiveReadingsCount()
    {
        var clock = new NetworkClock(new FakeTime(NetworkNow));
        var now = NetworkNow.ToUnixTimeMilliseconds();

        for (var i = 0; i < 5; i++) clock.Observe(now - 50_000);
        for (var i = 0; i < 5; i++) clock.Observe(now + 2_000);

        Assert.Equal(2_000, clock.OffsetMs);
        Assert.Equal(ClientLimits.ClockSamples, clock.SampleCount);
    }

    [Fact]
    public void ACorrectionReplacesEveryEarlierReading()
    {
        var clock = new NetworkClock(new FakeTime(NetworkNow));
        var now = NetworkNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < 5; i++) clock.Observe(now);

        Assert.True(clock.Correct(now + 3_600_000));

        Assert.Equal(3_600_000, clock.OffsetMs);
        Assert.Equal(1, clock.SampleCount);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    [InlineData(1_700_000_000L)] // seconds, not milliseconds
    public void AnImplausibleTimeIsIgnored(long serverTime)
    {
        var clock = new NetworkClock(new FakeTime(NetworkNow));

        Assert.False(clock.Observe(serverTime));
        Assert.False(clock.Correct(serverTime));
        Assert.Equal(0, clock.OffsetMs);
    }
}
