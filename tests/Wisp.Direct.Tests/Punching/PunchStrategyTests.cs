using Wisp.Direct.Punching;

namespace Wisp.Direct.Tests.Punching;

/// <summary>The strategy table: what each side does for every pair of NAT classes.</summary>
public sealed class PunchStrategyTests
{
    [Theory]
    [InlineData(NatClass.Open, NatClass.Open, PunchStrategy.Rounds)]
    [InlineData(NatClass.Open, NatClass.Consistent, PunchStrategy.Rounds)]
    [InlineData(NatClass.Consistent, NatClass.Consistent, PunchStrategy.Rounds)]
    [InlineData(NatClass.Consistent, NatClass.Random, PunchStrategy.RandomPorts)]
    [InlineData(NatClass.Open, NatClass.Random, PunchStrategy.RandomPorts)]
    [InlineData(NatClass.Random, NatClass.Consistent, PunchStrategy.Birthday)]
    [InlineData(NatClass.Random, NatClass.Open, PunchStrategy.Birthday)]
    [InlineData(NatClass.Random, NatClass.Random, PunchStrategy.Relay)]
    [InlineData(NatClass.Unknown, NatClass.Consistent, PunchStrategy.Wait)]
    [InlineData(NatClass.Random, NatClass.Unknown, PunchStrategy.Wait)]
    public void Each_pair_of_classes_has_its_strategy(NatClass local, NatClass remote, PunchStrategy expected) =>
        Assert.Equal(expected, PunchStrategies.Choose(local, remote));

    [Fact]
    public void The_two_sides_of_a_mixed_pair_take_complementary_strategies()
    {
        Assert.Equal(PunchStrategy.RandomPorts, PunchStrategies.Choose(NatClass.Consistent, NatClass.Random));
        Assert.Equal(PunchStrategy.Birthday, PunchStrategies.Choose(NatClass.Random, NatClass.Consistent));
    }
}
