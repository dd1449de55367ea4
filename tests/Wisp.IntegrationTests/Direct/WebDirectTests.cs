using System.Text.Json;
using Wisp.IntegrationTests.Support;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Direct;

/// <summary><c>wisp web</c> runs direct mode's endpoint, as the daemon does, once a contact's direct mode is offered or on.</summary>
[Collection(SharedSevenNodes.Name)]
public sealed class WebDirectTests(SevenNodeNetwork network) : IAsyncDisposable
{
    private readonly TestProfiles _profiles = new(network);

    public ValueTask DisposeAsync() => _profiles.DisposeAsync();

    [Fact]
    public async Task Wisp_web_of_a_profile_in_direct_mode_listens_on_the_dht_of_the_network_nodes()
    {
        var contact = _profiles.CreateOffline("web-alice");
        var bob = _profiles.Open("web-bob", 1201);
        Assert.Null(await bob.Direct.SetAsync(contact, on: true, TestContext.Current.CancellationToken));
        await bob.DisposeAsync(); // the profile is the web app's now

        using var web = WispProcess.Start(_profiles.Args("web", "--profile", "web-bob", "--json"));
        try
        {
            Assert.StartsWith("http://127.0.0.1:", (await web.ReadJsonLineAsync()).GetProperty("url").GetString(), StringComparison.Ordinal);
            JsonElement status = default;
            await Eventually.TrueAsync(async () =>
            {
                var (code, stdout, stderr) = await WispProcess.RunAsync(_profiles.Offline("p2p", "status", "--profile", "web-bob", "--json"));
                Assert.True(code == 0, stderr);
                status = JsonDocument.Parse(stdout).RootElement.Clone();
                return status.GetProperty("running").GetBoolean() && status.GetProperty("dht_nodes").GetInt32() > 0;
            }, "wisp web's endpoint joined the DHT", TimeSpan.FromSeconds(60));

            Assert.True(status.GetProperty("listening").GetBoolean());
            // No --dht-bootstrap: it started from the network's service nodes (UDP on their HTTPS port numbers).
            var nodePorts = network.Nodes.Select(n => $"127.0.0.1:{n.Port}").ToHashSet();
            Assert.NotEmpty(status.GetProperty("bootstrap").EnumerateArray());
            Assert.All(status.GetProperty("bootstrap").EnumerateArray(), b => Assert.Contains(b.GetString()!, nodePorts));
        }
        finally
        {
            web.Terminate();
            await web.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
    }
}
