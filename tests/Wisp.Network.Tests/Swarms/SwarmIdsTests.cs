using Wisp.Network.Swarms;
using Wisp.Network.Tests.Support;

namespace Wisp.Network.Tests.Swarms;

public sealed class SwarmIdsTests
{
    private static readonly string[] VectorLines =
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Vectors", "oxen-core", "new_swarm_id.txt"));

    public static TheoryData<string, ulong> BisectVectors()
    {
        var data = new TheoryData<string, ulong>();
        foreach (var line in VectorLines.Where(l => l.StartsWith("bisect ", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ');
            data.Add(parts[1], ulong.Parse(parts[2]));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BisectVectors))]
    public void Bisect_matches_oxen_core(string existing, ulong expected)
    {
        var ids = existing == "-" ? [] : existing.Split(',').Select(ulong.Parse).OrderBy(x => x).ToList();

        Assert.Equal(expected, SwarmIds.Bisect(ids));
    }

    [Fact]
    public void Bisect_replays_oxen_cores_deterministic_sequence()
    {
        var header = VectorLines.Single(l => l.StartsWith("sequence ", StringComparison.Ordinal)).Split(' ');
        var (seed, steps, finalCount) = (ulong.Parse(header[1]), int.Parse(header[2]), int.Parse(header[3]));
        var random = new MersenneTwister64(seed);
        var ids = new List<ulong>();

        for (var i = 0; i < steps; i++)
        {
            var draw = random.Next();
            if (draw < (1UL << 62))
            {
                Assert.NotEmpty(ids);
                ids.RemoveAt((int)(draw % (ulong)ids.Count));
            }
            else
            {
                var id = SwarmIds.Bisect(ids);
                var at = ids.BinarySearch(id);
                Assert.True(at < 0, $"step {i}: id {id} already exists");
                ids.Insert(~at, id);
            }
        }

        Assert.Equal(finalCount, ids.Count);
        foreach (var line in VectorLines.Where(l => l.StartsWith("id ", StringComparison.Ordinal)))
        {
            var parts = line.Split(' ');
            Assert.Equal(ulong.Parse(parts[2]), ids[int.Parse(parts[1])]);
        }
    }

    [Fact]
    public void Mersenne_twister_helper_matches_the_cpp_standard()
    {
        // [rand.predef]: the 10000th invocation of a default-constructed mt19937_64 (seed 5489) yields 9981545732273789042.
        var random = new MersenneTwister64(5489);
        ulong value = 0;
        for (var i = 0; i < 10000; i++)
            value = random.Next();

        Assert.Equal(9981545732273789042UL, value);
    }

    [Fact]
    public void NewId_is_the_bisection_when_it_was_never_used()
    {
        Assert.Equal(0UL, SwarmIds.NewId([], new HashSet<ulong>()));
        Assert.Equal(SwarmLimits.MaxSwarmId / 2, SwarmIds.NewId([0], new HashSet<ulong> { 5 }));
    }

    [Fact]
    public void NewId_never_reuses_a_retired_id()
    {
        var retired = new HashSet<ulong> { 0 };

        var id = SwarmIds.NewId([], retired);

        Assert.Equal(SwarmLimits.MaxSwarmId / 2, id);
    }

    [Fact]
    public void NewId_skips_a_chain_of_retired_midpoints()
    {
        // Live {0}; the midpoint MAX/2 is retired, so it becomes a boundary and the wider half is bisected next.
        var retired = new HashSet<ulong> { SwarmLimits.MaxSwarmId / 2 };
        var expected = SwarmIds.Bisect([0, SwarmLimits.MaxSwarmId / 2]);

        var id = SwarmIds.NewId([0], retired);

        Assert.Equal(expected, id);
        Assert.NotEqual(SwarmLimits.MaxSwarmId / 2, id);
        Assert.NotEqual(0UL, id);
    }
}
