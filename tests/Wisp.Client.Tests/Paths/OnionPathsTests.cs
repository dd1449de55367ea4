using Wisp.Client.Paths;
using Wisp.Client.Tests.Support;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Paths;

/// <summary>Path selection: guard first, distinct nodes, never the destination, the same with the same seed, rebuilt after failures.</summary>
public sealed class OnionPathsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static (OnionPaths Paths, GuardSelector Guards, FakeProbe Probe) Make(int nodes, int seed)
    {
        var pool = NodePool.FromNodes(TestNodes.Nodes(nodes));
        var probe = new FakeProbe();
        var random = new Random(seed);
        var guards = new GuardSelector(pool, probe, random, stateDirectory: null);
        return (new OnionPaths(pool, guards, random), guards, probe);
    }

    [Fact]
    public async Task APathIsAGuardThenTwoDistinctNonGuardsAndNeverTheDestination()
    {
        var nodes = TestNodes.Nodes(8);
        for (var seed = 0; seed < 200; seed++)
        {
            var (paths, guards, _) = Make(8, seed);
            var destination = nodes[seed % nodes.Count].Ed25519;
            var avoid = new HashSet<Ed25519PublicKey>();

            var path = await paths.GetPathAsync(destination, avoid, None);

            Assert.NotNull(path);
            Assert.Equal(ClientLimits.PathLength, path.Nodes.Count);
            Assert.Equal(ClientLimits.PathLength, path.Nodes.Select(n => n.Ed25519).Distinct().Count());
            var guardKeys = guards.Current.Select(g => g.Ed25519).ToList();
            Assert.Equal(ClientLimits.GuardCount, guardKeys.Count);
            Assert.Contains(path.Guard.Ed25519, guardKeys);
            Assert.DoesNotContain(path.Nodes.Skip(1), n => guardKeys.Contains(n.Ed25519));
            Assert.False(path.Contains(destination), $"seed {seed}: the destination is on the path");
        }
    }

    [Fact]
    public async Task TheSameSeedGivesTheSamePaths()
    {
        var first = await Sequence(seed: 42);
        var again = await Sequence(seed: 42);
        var other = await Sequence(seed: 43);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);

        static async Task<List<string>> Sequence(int seed)
        {
            var (paths, _, _) = Make(12, seed);
            var nodes = TestNodes.Nodes(12);
            var result = new List<string>();
            for (var i = 0; i < 10; i++)
                result.Add((await paths.GetPathAsync(nodes[i].Ed25519, null, None))!.ToString());
            return result;
        }
    }

    [Fact]
    public async Task AvoidedNodesAreLeftOutWhileThePoolHasOthers()
    {
        var (paths, _, _) = Make(10, seed: 3);
        var first = (await paths.GetPathAsync(null, null, None))!;
        var avoid = first.Nodes.Skip(1).Select(n => n.Ed25519).ToHashSet();

        var second = (await paths.GetPathAsync(null, avoid, None))!;

        Assert.DoesNotContain(second.Nodes, n => avoid.Contains(n.Ed25519));
    }

    [Fact]
    public async Task WhenOnlyAvoidedNodesRemainTheyAreUsedButTheDestinationNever()
    {
        // 5 nodes: 2 guards, 3 others; one of them is the destination, so the two relays must be the other two.
        var (paths, guards, _) = Make(5, seed: 1);
        await guards.GetGuardsAsync(None);
        var others = TestNodes.Nodes(5).Where(n => !guards.Current.Contains(n)).ToList();
        var destination = others[0].Ed25519;
        var avoid = others.Select(n => n.Ed25519).ToHashSet();

        var path = (await paths.GetPathAsync(destination, avoid, None))!;

        Assert.False(path.Contains(destination));
        Assert.Equal(others.Skip(1).Select(n => n.Ed25519).Order(NodeOrderComparer).ToList(), path.Nodes.Skip(1).Select(n => n.Ed25519).Order(NodeOrderComparer).ToList());
    }

    [Fact]
    public async Task ATooSmallPoolGivesNoPath()
    {
        var (paths, _, _) = Make(3, seed: 1);

        Assert.Null(await paths.GetPathAsync(TestNodes.Node(0).Ed25519, null, None));
    }

    [Fact]
    public async Task APathIsRebuiltAfterRepeatedFailures()
    {
        var (paths, _, _) = Make(12, seed: 5);
        var path = (await paths.GetPathAsync(null, null, None))!;

        for (var i = 1; i < ClientLimits.PathFailuresBeforeRebuild; i++)
        {
            paths.ReportFailure(path, atGuard: false);
            Assert.Contains(path, paths.Current);
        }
        paths.ReportFailure(path, atGuard: false);

        Assert.DoesNotContain(path, paths.Current);
    }

    [Fact]
    public async Task ASuccessForgivesEarlierFailures()
    {
        var (paths, _, _) = Make(12, seed: 5);
        var path = (await paths.GetPathAsync(null, null, None))!;

        for (var i = 1; i < ClientLimits.PathFailuresBeforeRebuild; i++)
            paths.ReportFailure(path, atGuard: false);
        paths.ReportSuccess(path);
        paths.ReportFailure(path, atGuard: false);

        Assert.Contains(path, paths.Current);
        Assert.Equal(1, path.Failures);
    }

    [Fact]
    public async Task AGuardThatKeepsFailingIsReplaced()
    {
        var (paths, guards, _) = Make(12, seed: 9);
        var path = (await paths.GetPathAsync(null, null, None))!;
        var failedGuard = path.Guard.Ed25519;

        for (var i = 0; i < ClientLimits.PathFailuresBeforeRebuild; i++)
            paths.ReportFailure(path, atGuard: true);
        await guards.GetGuardsAsync(None);

        Assert.DoesNotContain(guards.Current, g => g.Ed25519.Equals(failedGuard));
        Assert.Equal(ClientLimits.GuardCount, guards.Current.Count);
    }

    private static readonly Comparison<Ed25519PublicKey> NodeOrder = (a, b) => string.CompareOrdinal(a.ToHex(), b.ToHex());

    private static IComparer<Ed25519PublicKey> NodeOrderComparer => Comparer<Ed25519PublicKey>.Create(NodeOrder);
}
