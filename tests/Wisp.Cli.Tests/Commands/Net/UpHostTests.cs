using System.Net;
using Wisp.Cli.Commands.Net;
using Wisp.Cli.Tests.Support;
using Wisp.Network.Local;

namespace Wisp.Cli.Tests.Commands.Net;

/// <summary><c>wisp up --host</c>: which addresses it takes, and that a network keeps the address it was made on.</summary>
public sealed class UpHostTests
{
    [Theory]
    [InlineData("example.org", "is not an IP address")]
    [InlineData("10.0.0.0/8", "is not an IP address")]
    [InlineData("0.0.0.0", "listens everywhere but cannot be listed in the registry")]
    [InlineData("::", "listens everywhere but cannot be listed in the registry")]
    [InlineData("224.0.0.1", "is a multicast or broadcast address")]
    [InlineData("192.0.2.77", "is not an address of this machine")]
    public void Up_refuses_a_host_the_nodes_cannot_listen_on_or_be_dialled_at_and_creates_nothing(string host, string why)
    {
        using var cli = new CliHarness();
        var folder = Path.Combine(cli.Root, "network");

        var (code, stdout, stderr) = cli.Run("up", "--host", host, "--network", folder);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains($"--host: {(why.StartsWith("is not an IP", StringComparison.Ordinal) ? $"'{host}' " : "")}", stderr);
        Assert.Contains(why, stderr);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void A_network_made_on_a_host_adds_its_nodes_there_and_refuses_to_move_to_another()
    {
        using var cli = new CliHarness();
        var folder = Path.Combine(cli.Root, "network");
        Assert.NotNull(LocalNetworkPreparation.Prepare(folder, 5, IPAddress.Parse("127.0.0.2"), TextWriter.Null, out _));

        var (code, _, stderr) = cli.Run("up", "--host", "127.0.0.3", "--network", folder);

        Assert.Equal(2, code);
        Assert.Contains($"the network in {folder} has its nodes on 127.0.0.2, not 127.0.0.3", stderr);
        // Without --host, growing it keeps the nodes on the network's address, and the registry lists them there.
        var grown = LocalNetworkPreparation.Prepare(folder, 6, host: null, TextWriter.Null, out var problem);
        Assert.True(grown is not null, problem);
        Assert.All(grown.ActiveNodes, node => Assert.StartsWith("https://127.0.0.2:", node.Url, StringComparison.Ordinal));
        Assert.Equal(6, grown.ActiveNodes.Count());
    }
}
