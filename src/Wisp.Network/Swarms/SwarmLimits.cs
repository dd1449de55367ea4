namespace Wisp.Network.Swarms;

/// <summary>
/// The constants of swarm assignment, Session's values (oxen-core <c>service_node_rules.h</c>), each with its reason.
/// Changing any of them changes every party's swarms: it is a protocol change.
/// </summary>
public static class SwarmLimits
{
    /// <summary>5 nodes: the fewest that keep an account's messages when any 2 nodes of its swarm fail together.</summary>
    public const int MinSwarmSize = 5;

    /// <summary>7 nodes: the target size; 2 spare above the minimum so one leave never forces a rebalance.</summary>
    public const int IdealSwarmSize = 7;

    /// <summary>2 nodes: the spare each existing swarm keeps above the minimum before excess may form a new swarm.</summary>
    public const int IdealSwarmMargin = IdealSwarmSize - MinSwarmSize;

    /// <summary>7 nodes: a swarm made from excess starts at the ideal size.</summary>
    public const int NewSwarmSize = IdealSwarmSize;

    /// <summary>Nodes above this count in a swarm are its "excess", the nodes it can give away and stay healthy.</summary>
    public const int ExcessBase = MinSwarmSize;

    /// <summary>25th percentile: a joining node goes to a random swarm among the smallest quarter, so swarms fill evenly.</summary>
    public const int FillSwarmLowerPercentile = 25;

    /// <summary>75th percentile: a swarm under the minimum takes nodes only from swarms larger than three quarters of all.</summary>
    public const int StealingSwarmUpperPercentile = 75;

    /// <summary>0th percentile: nodes of a dissolved swarm go to the very smallest swarms.</summary>
    public const int DissolvedRedistributionPercentile = 0;

    /// <summary>
    /// The largest swarm id: 2^64 - 2. 2^64 - 1 is <see cref="Wisp.Protocol.Swarms.SwarmSpace.InvalidSwarmId"/>, so ids
    /// live on a ring of 2^64 - 1 points where <see cref="MaxSwarmId"/> + 1 wraps to 0 (as in oxen-core).
    /// </summary>
    public const ulong MaxSwarmId = ulong.MaxValue - 1;
}
