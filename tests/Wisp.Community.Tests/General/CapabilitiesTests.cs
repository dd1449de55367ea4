using Wisp.Community.Tests.Support;

namespace Wisp.Community.Tests.General;

public sealed class CapabilitiesTests
{
    [Fact]
    public async Task Capabilities_lists_sogs_reactions_and_blind_sorted()
    {
        await using var server = await TestCommunityServer.StartAsync();

        var answer = await server.SendAsync("GET", "/capabilities");

        Assert.Equal(200, answer.Status);
        Assert.Equal("""{"capabilities":["blind","reactions","sogs"]}""", answer.Text);
    }

    [Fact]
    public async Task Required_capabilities_the_server_lacks_are_412_with_missing()
    {
        await using var server = await TestCommunityServer.StartAsync();

        var met = await server.SendAsync("GET", "/capabilities?required=sogs,blind");
        var unmet = await server.SendAsync("GET", "/capabilities?required=sogs,magic,x");

        Assert.Equal(200, met.Status);
        Assert.Equal((412, """{"capabilities":["blind","reactions","sogs"],"missing":["magic","x"]}"""), (unmet.Status, unmet.Text));
    }
}
