using Wisp.Node.Hosting;
using Wisp.Testing;

namespace Wisp.Node.Tests.Hosting;

public sealed class NodeOptionsTests
{
    private static NodeOptions Valid => new() { DataDirectory = "node-data" };

    [Fact]
    public void Defaults_are_valid() => Assert.Empty(Valid.Validate());

    [Theory]
    [InlineData("host", "--host")]
    [InlineData("port", "--port")]
    [InlineData("cap", "--storage-cap")]
    [InlineData("rate", "--rate-limit")]
    [InlineData("burst", "--rate-burst")]
    [InlineData("sweep", "--sweep-interval")]
    [InlineData("data", "--data")]
    public void Each_bad_value_is_reported_naming_its_option(string which, string option)
    {
        var options = which switch
        {
            "host" => Valid with { Host = "not-an-address" },
            "port" => Valid with { Port = 70_000 },
            "cap" => Valid with { StorageCapBytes = 10 },
            "rate" => Valid with { RateLimitPerSecond = -1 },
            "burst" => Valid with { RateLimitBurst = 0 },
            "sweep" => Valid with { ExpirySweepInterval = TimeSpan.Zero },
            _ => Valid with { DataDirectory = " " },
        };

        var problem = Assert.Single(options.Validate());

        Assert.StartsWith(option + ":", problem);
    }

    [Theory]
    [InlineData("only-file", "--registry and --registry-key")]
    [InlineData("only-key", "--registry and --registry-key")]
    [InlineData("short-key", "--registry-key:")]
    [InlineData("catch-up", "--catch-up-interval:")]
    [InlineData("peer-tests", "--peer-test-interval:")]
    public void Network_options_are_checked(string which, string option)
    {
        var key = new string('a', 64);
        var options = which switch
        {
            "only-file" => Valid with { RegistryPath = "registry.json" },
            "only-key" => Valid with { RegistryKeyHex = key },
            "short-key" => Valid with { RegistryPath = "registry.json", RegistryKeyHex = "abcd" },
            "catch-up" => Valid with { CatchUpInterval = TimeSpan.Zero },
            _ => Valid with { PeerTestInterval = TimeSpan.FromDays(2) },
        };

        var problem = Assert.Single(options.Validate());

        Assert.StartsWith(option, problem);
    }

    [Theory]
    [InlineData("allow", "--server-allow: 'example.org'")]
    [InlineData("ports", "--server-ports: 0")]
    public void Server_relay_options_are_checked(string which, string start)
    {
        var options = which == "allow" ? Valid with { ServerAllow = ["example.org"] } : Valid with { ServerPorts = [0] };

        var problem = Assert.Single(options.Validate());

        Assert.StartsWith(start, problem);
    }

    [Fact]
    public void Server_relay_options_become_the_relays_allowlist()
    {
        var proxy = (Valid with { ServerAllow = ["127.0.0.1", "10.0.0.0/8"], ServerPorts = [8080] }).ServerProxy;

        Assert.Equal([8080], proxy.AllowedPorts);
        Assert.Equal(["127.0.0.1/32", "10.0.0.0/8"], proxy.AllowedNetworks.Select(n => n.ToString()));
        Assert.Equal(Wisp.Node.Onion.ServerProxyOptions.DefaultPorts, Valid.ServerProxy.AllowedPorts);
        Assert.Empty(Valid.ServerProxy.AllowedNetworks);
    }

    [Fact]
    public void A_registry_with_its_key_is_valid() =>
        Assert.Empty((Valid with { RegistryPath = "registry.json", RegistryKeyHex = new string('a', 64) }).Validate());

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("192.0.2.7")]
    public void IPv4_and_IPv6_addresses_are_accepted(string host) => Assert.Empty((Valid with { Host = host }).Validate());

    [Fact]
    public async Task A_node_with_bad_options_does_not_start_and_says_why()
    {
        using var directory = new TempDirectory();
        var options = TestNode.DefaultOptions(directory.Path) with { Port = -1, RateLimitBurst = 0 };

        var exception = await Assert.ThrowsAsync<NodeStartException>(
            () => WispNodeHost.StartAsync(options, TestContext.Current.CancellationToken));

        Assert.Equal(2, exception.Problems.Count);
        Assert.False(Directory.Exists(directory.Path), "nothing is created for options that fail validation");
    }
}
