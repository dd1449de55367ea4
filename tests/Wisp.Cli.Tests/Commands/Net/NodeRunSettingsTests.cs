using Wisp.Cli.Commands.Net;
using Wisp.Crypto.Keys;
using Wisp.Network.Local;

namespace Wisp.Cli.Tests.Commands.Net;

public sealed class NodeRunSettingsTests
{
    [Fact]
    public void Local_nodes_run_with_tiered_compilation_and_the_concurrent_GC_off()
    {
        var settings = NodeRunSettings.RuntimeSettingsFor(_ => null).ToDictionary();

        Assert.Equal("0", settings["DOTNET_TieredCompilation"]);
        Assert.Equal("0", settings["DOTNET_gcConcurrent"]);
    }

    [Fact]
    public void A_setting_the_environment_already_has_is_left_to_it()
    {
        var settings = NodeRunSettings.RuntimeSettingsFor(name => name == "DOTNET_TieredCompilation" ? "1" : null).ToDictionary();

        Assert.False(settings.ContainsKey("DOTNET_TieredCompilation"));
        Assert.Equal("0", settings["DOTNET_gcConcurrent"]);
    }

    [Fact]
    public void Local_nodes_allow_no_server_address_beyond_the_public_ones_unless_told()
    {
        var (network, node) = OneNodeNetwork();

        var (_, arguments) = new NodeRunSettings(0, "normal", "Warning").CommandFor(network, node);

        Assert.DoesNotContain("--server-allow", arguments);
        Assert.DoesNotContain("--server-ports", arguments);
    }

    [Fact]
    public void A_local_server_is_passed_as_an_allowed_address_and_port_beside_the_defaults()
    {
        var (network, node) = OneNodeNetwork();
        var settings = new NodeRunSettings(0, "normal", "Warning") { ServerAllow = ["127.0.0.1"], ServerPorts = [8443] };

        var (_, arguments) = settings.CommandFor(network, node);

        var allow = arguments.ToList().IndexOf("--server-allow");
        Assert.Equal("127.0.0.1", arguments[allow + 1]);
        var ports = arguments.ToList().IndexOf("--server-ports");
        Assert.Equal(["8443", "443", "80"], arguments.Skip(ports + 1).Take(3));
    }

    private static (LocalNetwork Network, LocalNode Node) OneNodeNetwork()
    {
        using var keys = Ed25519KeyPair.Generate();
        var node = new LocalNode("n1", LocalNetwork.DataDirectoryFor("n1"), "127.0.0.1", 20001, keys.PublicKey, Removed: false);
        return (LocalNetwork.Empty(Path.Combine(Path.GetTempPath(), "wisp-settings-test"), keys.PublicKey).WithNode(node), node);
    }
}
