using Wisp.Cli.Tests.Support;

namespace Wisp.Cli.Tests.Commands;

/// <summary><c>--dht-bootstrap</c> on the commands that start the direct path in their own process: a bad address is a usage error.</summary>
public sealed class DhtBootstrapOptionTests
{
    [Theory]
    [InlineData("send", "bob", "hello")]
    [InlineData("web")]
    public void A_dht_bootstrap_that_is_not_ip_and_port_is_refused_before_anything_runs(params string[] command)
    {
        using var cli = new CliHarness();

        var (code, stdout, stderr) = cli.Run([.. command, "--dht-bootstrap", "dht.example:40100"]);

        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("--dht-bootstrap: \"dht.example:40100\" is not a DHT node's address: give ip:port", stderr);
    }
}
