using Wisp.Client.Paths;
using Wisp.Client.Tests.Support;
using Wisp.Client.Transport;

namespace Wisp.Client.Tests.Paths;

/// <summary>Guards: tested before use, kept in the state directory, reused while they are in the pool.</summary>
public sealed class GuardSelectorTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _state = Directory.CreateTempSubdirectory("wisp-guards-").FullName;

    public void Dispose() => Directory.Delete(_state, recursive: true);

    [Fact]
    public async Task GuardsAreTestedStoredAndReusedWithoutATestNextRun()
    {
        var pool = NodePool.FromNodes(TestNodes.Nodes(10));
        var probe = new FakeProbe();
        var chosen = await new GuardSelector(pool, probe, new Random(1), _state).GetGuardsAsync(None);
        Assert.Equal(ClientLimits.GuardCount, chosen.Count);
        Assert.All(chosen, g => Assert.Contains(g.Ed25519, probe.Tested));
        Assert.True(File.Exists(Path.Combine(_state, GuardFile.FileName)));

        var laterProbe = new FakeProbe();
        var reused = await new GuardSelector(pool, laterProbe, new Random(2), _state).GetGuardsAsync(None);

        Assert.Equal(chosen, reused);
        Assert.Empty(laterProbe.Tested);
    }

    [Fact]
    public async Task NodesThatFailTheTestAreNotGuards()
    {
        var nodes = TestNodes.Nodes(10);
        var probe = new FakeProbe();
        foreach (var node in nodes.Take(7)) probe.Dead.Add(node.Ed25519);

        var guards = await new GuardSelector(NodePool.FromNodes(nodes), probe, new Random(3), _state).GetGuardsAsync(None);

        Assert.Equal(ClientLimits.GuardCount, guards.Count);
        Assert.All(guards, g => Assert.DoesNotContain(g.Ed25519, probe.Dead));
    }

    [Fact]
    public async Task AStoredGuardThatLeftThePoolIsReplaced()
    {
        var nodes = TestNodes.Nodes(10);
        var first = await new GuardSelector(NodePool.FromNodes(nodes), new FakeProbe(), new Random(4), _state).GetGuardsAsync(None);
        var smallerPool = NodePool.FromNodes(nodes.Where(n => !n.Equals(first[0])));

        var guards = await new GuardSelector(smallerPool, new FakeProbe(), new Random(4), _state).GetGuardsAsync(None);

        Assert.Equal(ClientLimits.GuardCount, guards.Count);
        Assert.Contains(first[1], guards);
        Assert.DoesNotContain(first[0], guards);
        Assert.Equal(guards.Select(g => g.Ed25519), GuardFile.Read(_state));
    }

    [Fact]
    public async Task ADroppedGuardIsForgottenOnDisk()
    {
        var selector = new GuardSelector(NodePool.FromNodes(TestNodes.Nodes(10)), new FakeProbe(), new Random(5), _state);
        var guards = await selector.GetGuardsAsync(None);

        selector.Drop(guards[0].Ed25519);

        Assert.Equal([guards[1].Ed25519], GuardFile.Read(_state));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"version\":2,\"guards\":[]}")]
    [InlineData("{\"version\":1,\"guards\":[\"zz\", 5]}")]
    public async Task ADamagedGuardFileMeansGuardsAreChosenAgain(string contents)
    {
        File.WriteAllText(Path.Combine(_state, GuardFile.FileName), contents);
        var probe = new FakeProbe();

        var guards = await new GuardSelector(NodePool.FromNodes(TestNodes.Nodes(10)), probe, new Random(6), _state).GetGuardsAsync(None);

        Assert.Equal(ClientLimits.GuardCount, guards.Count);
        Assert.Equal(ClientLimits.GuardCount, probe.Tested.Count);
    }

    [Fact]
    public async Task WhenEveryCandidateFailsThereAreNoGuardsAndNothingThrows()
    {
        var nodes = TestNodes.Nodes(4);
        var probe = new FakeProbe();
        foreach (var node in nodes) probe.Dead.Add(node.Ed25519);

        var guards = await new GuardSelector(NodePool.FromNodes(nodes), probe, new Random(7), _state).GetGuardsAsync(None);

        Assert.Empty(guards);
    }
}
