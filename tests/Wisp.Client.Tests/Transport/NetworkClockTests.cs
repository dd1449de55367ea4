using Wisp.Client.Tests.Support;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Transport;

/// <summary>
/// The clock offset maths, on a fake machine clock: network time follows the nodes when several agree, within a bound;
/// no single node, lying or broken, sets it.
/// </summary>
public sealed class NetworkClockTests
{
    private static readonly DateTimeOffset NetworkNow = DateTimeOffset.FromUnixTimeMilliseconds(1_760_000_000_000);
    private static readonly long Now = NetworkNow.ToUnixTimeMilliseconds();
    private static readonly long Hour = (long)TimeSpan.FromHours(1).TotalMilliseconds;

    [Theory]
    [InlineData(3600)]
    [InlineData(-3600)]
    [InlineData(0)]
    public void A_machine_clock_off_by_an_hour_signs_with_the_nodes_time_once_three_nodes_agree(int machineOffsetSeconds)
    {
        var machine = new FakeTime(NetworkNow.AddSeconds(machineOffsetSeconds));
        var clock = new NetworkClock(machine);

        Assert.True(clock.Observe(Node(1), Now));
        Assert.True(clock.Observe(Node(2), Now + 40));
        Assert.Equal(0, clock.OffsetMs); // two nodes are not yet agreement
        Assert.True(clock.Observe(Node(3), Now + 20));

        Assert.Equal(-machineOffsetSeconds * 1000L + 20, clock.OffsetMs);
        machine.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(NetworkNow.AddSeconds(30).ToUnixTimeMilliseconds() + 20, clock.NowMs());
        Assert.Null(clock.Problem);
    }

    [Fact]
    public void Without_a_reading_the_machine_clock_is_used()
    {
        var clock = new NetworkClock(new FakeTime(NetworkNow));

        Assert.Equal(Now, clock.NowMs());
        Assert.Equal(0, clock.SampleCount);
    }

    [Fact]
    public void One_lying_node_does_not_move_the_clock_however_often_it_answers()
    {
        var clock = new NetworkClock(new FakeTime(NetworkNow));

        for (var i = 0; i < 20; i++)
            clock.Observe(Node(66), Now + 50 * 60_000);

        Assert.Equal(0, clock.OffsetMs);
        Assert.Equal(1, clock.SampleCount);
    }

    [Fact]
    public void A_lying_node_among_honest_ones_does_not_move_the_offset()
    {
        var clock = new NetworkClock(new FakeTime(NetworkNow));

        clock.Observe(Node(1), Now + 1_000);
        clock.Observe(Node(66), Now + 90 * 60_000); // within the bound, but alone
        clock.Observe(Node(2), Now + 1_200);
        clock.Observe(Node(66), Now + 90 * 60_000);
        clock.Observe(Node(3), Now + 900);

        Assert.InRange(clock.OffsetMs, 900, 1_200);
    }

    [Fact]
    public void Nodes_agreeing_on_a_time_beyond_the_bound_are_refused_and_the_reason_reported()
    {
        var clock = new NetworkClock(new FakeTime(NetworkNow));
        for (var i = 1; i <= 3; i++)
            clock.Observe(Node(i), Now + 500);

        for (var i = 4; i <= 10; i++)
            clock.Observe(Node(i), Now + 3 * Hour);

        Assert.Equal(500, clock.OffsetMs);
        Assert.Contains("set the machine's clock", clock.Problem, StringComparison.Ordinal);
        Assert.Contains("+180 minutes", clock.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_latest_nodes_count()
    {
        var clock = new NetworkClock(new FakeTime(NetworkNow));

        for (var i = 0; i < ClientLimits.ClockSamples; i++) clock.Observe(Node(i), Now - 50_000);
        for (var i = 100; i < 100 + ClientLimits.ClockSamples; i++) clock.Observe(Node(i), Now + 2_000);

        Assert.Equal(2_000, clock.OffsetMs);
        Assert.Equal(ClientLimits.ClockSamples, clock.SampleCount);
    }

    [Fact]
    public void A_correction_from_several_nodes_replaces_every_earlier_reading()
    {
        var clock = new NetworkClock(new FakeTime(NetworkNow));
        for (var i = 0; i < 5; i++) clock.Observe(Node(i), Now);

        Assert.True(clock.Correct([(Node(10), Now + Hour), (Node(11), Now + Hour + 30), (Node(12), Now + Hour - 30)]));

        Assert.Equal(Hour, clock.OffsetMs);
        Assert.Equal(3, clock.SampleCount);
    }

    [Fact]
    public void A_correction_from_one_node_alone_does_not_move_the_clock()
    {
        var clock = new NetworkClock(new FakeTime(NetworkNow));
        for (var i = 0; i < 5; i++) clock.Observe(Node(i), Now);

        Assert.False(clock.Correct([(Node(66), Now + Hour), (Node(66), Now + Hour)]));

        Assert.Equal(0, clock.OffsetMs);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    [InlineData(1_700_000_000L)] // seconds, not milliseconds
    public void An_implausible_time_is_ignored(long serverTime)
    {
        var clock = new NetworkClock(new FakeTime(NetworkNow));

        Assert.False(clock.Observe(Node(1), serverTime));
        Assert.False(clock.Correct([(Node(1), serverTime), (Node(2), serverTime), (Node(3), serverTime)]));
        Assert.Equal(0, clock.OffsetMs);
        Assert.Equal(0, clock.SampleCount);
    }

    private static Ed25519PublicKey Node(int index) => TestNodes.Node(index).Ed25519;
}
