using Wisp.Cli.Commands;
using Wisp.Cli.Commands.Net;
using Wisp.Cli.Tests.Support;
using Wisp.Network.Local;
using Wisp.Network.Registry;
using Wisp.Network.Swarms;

namespace Wisp.Cli.Tests.Commands.Net;

/// <summary>What <c>wisp up</c> makes without <c>--nodes</c>, and the smallest network it agrees to run.</summary>
public sealed class DefaultNetworkTests
{
    [Fact]
    public void A_new_default_network_forms_at_least_two_swarms_of_at_least_five()
    {
        using var cli = new CliHarness();
        var folder = Path.Combine(cli.Root, "network");

        var network = LocalNetworkPreparation.Prepare(folder, nodeCount: null, host: null, TextWriter.Null, out var problem);

        Assert.True(network is not null, problem);
        Assert.Equal(UpCommand.DefaultNodeCount, network.ActiveNodes.Count());
        var swarms = RegistryFile.Load(network.RegistryPath, network.RegistryKey).GetValueOrThrow().Swarms.Swarms;
        Assert.True(swarms.Count >= 2, $"{swarms.Count} swarm(s)");
        Assert.All(swarms, swarm => Assert.InRange(swarm.Members.Count, SwarmLimits.MinSwarmSize, int.MaxValue));
        Assert.Equal(UpCommand.DefaultNodeCount, swarms.Sum(swarm => swarm.Members.Count));
    }

    [Fact]
    public void One_node_fewer_than_the_default_makes_a_single_swarm()
    {
        // The default is the smallest network with two swarms; below it Session's assignment keeps one.
        using var cli = new CliHarness();

        var network = LocalNetworkPreparation.Prepare(Path.Combine(cli.Root, "network"), UpCommand.DefaultNodeCount - 1, host: null, TextWriter.Null, out var problem);

        Assert.True(network is not null, problem);
        Assert.Single(RegistryFile.Load(network.RegistryPath, network.RegistryKey).GetValueOrThrow().Swarms.Swarms);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("4")]
    public void Up_refuses_fewer_nodes_than_an_onion_path_needs_and_creates_nothing(string nodes)
    {
        using var cli = new CliHarness();
        var folder = Path.Combine(cli.Root, "network");

        var (code, stdout, stderr) = cli.Run("up", "--nodes", nodes, "--network", folder);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains($"--nodes: {nodes} nodes cannot carry a message", stderr);
        Assert.Contains("an onion path of 3 nodes (a guard and 2 relays)", stderr);
        Assert.Contains("2 guards it never uses as relays: 5 distinct nodes", stderr);
        Assert.Contains("--nodes 5 or more", stderr);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void Up_refuses_an_existing_network_that_is_too_small_and_says_how_to_grow_it()
    {
        using var cli = new CliHarness();
        var folder = Path.Combine(cli.Root, "network");
        Assert.NotNull(LocalNetworkPreparation.Prepare(folder, 4, host: null, TextWriter.Null, out _));

        var (code, _, stderr) = cli.Run("up", "--network", folder);

        Assert.Equal(2, code);
        Assert.Contains("has 4 node(s), too few to carry a message", stderr);
        Assert.Contains($"wisp net add-node --network {folder} --count 1", stderr);
        Assert.True(LocalNetwork.TryLoad(folder, out var network, out _));
        Assert.Equal(4, network.ActiveNodes.Count());
    }
}
