using Wisp.Cli.Commands.Net;

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
}
