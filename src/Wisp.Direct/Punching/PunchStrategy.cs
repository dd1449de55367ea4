namespace Wisp.Direct.Punching;

/// <summary>What this side does to open a direct path, given both sides' NAT classes.</summary>
public enum PunchStrategy
{
    /// <summary>A class is still unknown: probe again before choosing.</summary>
    Wait,

    /// <summary>Rounds of probes to each of the remote's advertised addresses (both consistent or open).</summary>
    Rounds,

    /// <summary>This side is consistent, the remote random: probes from our one socket to random ports at its verified host.</summary>
    RandomPorts,

    /// <summary>This side is random, the remote consistent: many sockets each probing its one address (birthday).</summary>
    Birthday,

    /// <summary>Both random: no punch can meet; use the blind relay.</summary>
    Relay,
}

/// <summary>HyperDHT's strategy table; an open side counts as consistent.</summary>
public static class PunchStrategies
{
    /// <summary>The strategy for the side whose NAT is <paramref name="local"/> facing <paramref name="remote"/>.</summary>
    public static PunchStrategy Choose(NatClass local, NatClass remote)
    {
        if (local == NatClass.Unknown || remote == NatClass.Unknown) return PunchStrategy.Wait;
        var localRandom = local == NatClass.Random;
        var remoteRandom = remote == NatClass.Random;
        return (localRandom, remoteRandom) switch
        {
            (false, false) => PunchStrategy.Rounds,
            (false, true) => PunchStrategy.RandomPorts,
            (true, false) => PunchStrategy.Birthday,
            (true, true) => PunchStrategy.Relay,
        };
    }
}
