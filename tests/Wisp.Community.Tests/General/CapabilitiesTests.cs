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
}
