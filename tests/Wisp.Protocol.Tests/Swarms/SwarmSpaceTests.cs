using CsCheck;
using Wisp.Protocol.Swarms;

namespace Wisp.Protocol.Tests.Swarms;

public sealed class SwarmSpaceTests
{
    private static string[] VectorLines(string file) =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Vectors", "session-storage-server", file))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))];

    public static TheoryData<string, ulong> SpaceVectors()
    {
        var data = new TheoryData<string, ulong>();
        foreach (var line in VectorLines("swarm_space.txt"))
        {
            var parts = line.Split(' ');
            data.Add(parts[0], ulong.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        return data;
    }

    public static TheoryData<string, string, ulong> NearestVectors()
    {
        var data = new TheoryData<string, string, ulong>();
        var swarms = "";
        foreach (var line in VectorLines("swarm_nearest.txt"))
        {
            if (line.StartsWith("swarms ", StringComparison.Ordinal))
            {
                swarms = line["swarms ".Length..];
                continue;
            }
            var parts = line.Split(' ');
            data.Add(swarms, parts[0], ulong.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SpaceVectors))]
    public void Space_of_a_prefixed_key_matches_the_storage_server(string prefixedKeyHex, ulong expected)
    {
        var key = Convert.FromHexString(prefixedKeyHex);

        Assert.Equal(expected, SwarmSpace.SpaceOfPrefixed(key));
        Assert.Equal(expected, SwarmSpace.SpaceOf(key.AsSpan(1)));
    }

    [Theory]
    [MemberData(nameof(NearestVectors))]
    public void Nearest_swarm_matches_the_storage_server(string swarmList, string prefixedKeyHex, ulong expected)
    {
        var swarms = swarmList.Split(' ').Select(s => ulong.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var space = SwarmSpace.SpaceOfPrefixed(Convert.FromHexString(prefixedKeyHex));

        Assert.Equal(expected, SwarmSpace.NearestSwarm(swarms, space));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void A_bare_key_of_the_wrong_length_is_refused(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => SwarmSpace.SpaceOf(new byte[length]));
        Assert.Equal("publicKey", error.ParamName);
    }

    [Theory]
    [InlineData(32)]
    [InlineData(34)]
    public void A_prefixed_key_of_the_wrong_length_is_refused(int length)
    {
        var error = Assert.Throws<ArgumentException>(() => SwarmSpace.SpaceOfPrefixed(new byte[length]));
        Assert.Equal("prefixedKey", error.ParamName);
    }

    [Fact]
    public void No_swarms_means_the_invalid_swarm_id()
    {
        Assert.Equal(SwarmSpace.InvalidSwarmId, SwarmSpace.NearestSwarm([], 12345));
        Assert.Equal(ulong.MaxValue, SwarmSpace.InvalidSwarmId);
    }

    [Fact]
    public void A_single_swarm_takes_every_account()
    {
        Assert.Equal(700UL, SwarmSpace.NearestSwarm([700], 0));
        Assert.Equal(700UL, SwarmSpace.NearestSwarm([700], ulong.MaxValue));
    }

    [Fact]
    public void The_chosen_swarm_is_never_farther_than_any_other()
    {
        var gen = Gen.Select(Gen.ULong.ArrayUnique[1, 40], Gen.ULong);
        gen.Sample((ids, space) =>
        {
            Array.Sort(ids);
            var chosen = SwarmSpace.NearestSwarm(ids, space);
            Assert.Contains(chosen, ids);
            var best = RingDistance(chosen, space);
            Assert.All(ids, id => Assert.True(best <= RingDistance(id, space), $"swarm {id} is nearer to {space} than {chosen}"));
        });
    }

    [Fact]
    public void The_prefix_byte_plays_no_part()
    {
        Gen.Select(Gen.Byte.Array[32], Gen.Byte, Gen.Byte).Sample((key, prefixA, prefixB) =>
            SwarmSpace.SpaceOfPrefixed([prefixA, .. key]) == SwarmSpace.SpaceOfPrefixed([prefixB, .. key]));
    }

    private static ulong RingDistance(ulong a, ulong b) => Math.Min(unchecked(a - b), unchecked(b - a));
}
