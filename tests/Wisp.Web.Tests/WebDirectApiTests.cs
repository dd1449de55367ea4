using System.Net;
using System.Text.Json;
using Wisp.Testing;
using Wisp.Web.Tests.Support;

namespace Wisp.Web.Tests;

/// <summary>
/// Direct mode over the web API, on a real network of five node processes: turning it on needs the IP exposure
/// confirmed, the offer reaches the contact's page as a request, and messages say which way they went (direct once a
/// session is up).
/// </summary>
public sealed class WebDirectApiTests(FiveNodeNetwork network) : IClassFixture<FiveNodeNetwork>, IAsyncLifetime
{
    private WebApp _alice = null!;
    private WebApp _bob = null!;

    public async ValueTask InitializeAsync()
    {
        _alice = await WebApp.StartAsync(network.Folder);
        _bob = await WebApp.StartAsync(network.Folder);
    }

    public async ValueTask DisposeAsync()
    {
        await _alice.DisposeAsync();
        await _bob.DisposeAsync();
    }

    private static string Error(JsonElement answer) => answer.GetProperty("error").GetString()!;

    private Task<JsonElement> SetAsync(WebApp app, string peer, object body, HttpStatusCode expected = HttpStatusCode.OK) =>
        app.CallAsync(HttpMethod.Put, $"/api/contacts/{peer}/direct", body, expected);

    [Fact]
    public async Task Turning_direct_mode_on_needs_the_ip_exposure_confirmed_and_reaches_the_contact_as_a_request()
    {
        var aliceId = await _alice.CreateAccountAsync("alice", "Alice");
        var bobId = await _bob.CreateAccountAsync("bob", "Bob");
        await _alice.WaitConnectedAsync();
        await _bob.WaitConnectedAsync();
        var sent = await _alice.PostAsync($"/api/conversations/{bobId}/messages", new { text = "hello bob", reply_to = (string?)null });
        Assert.Equal("swarm", sent.GetProperty("path").GetString());

        var before = await _alice.GetAsync($"/api/contacts/{bobId}/direct");
        Assert.Equal("off", before.GetProperty("state").GetString());
        Assert.Contains("will learn this device's IP address", before.GetProperty("ip_exposure").GetString(), StringComparison.Ordinal);

        // Without the confirmation nothing changes, and the answer says what would be exposed.
        var refused = await SetAsync(_alice, bobId, new { on = true }, HttpStatusCode.BadRequest);
        Assert.Contains("confirm_ip_exposure", Error(refused), StringComparison.Ordinal);
        Assert.Contains("IP address", Error(refused), StringComparison.Ordinal);
        await SetAsync(_alice, bobId, new { on = true, confirm_ip_exposure = false }, HttpStatusCode.BadRequest);
        Assert.Equal("off", (await _alice.GetAsync($"/api/contacts/{bobId}/direct")).GetProperty("state").GetString());

        var offered = await SetAsync(_alice, bobId, new { on = true, confirm_ip_exposure = true });
        Assert.Equal("offered", offered.GetProperty("state").GetString());

        // Bob's page sees the request once his client fetched the offer; he accepts, and both are on.
        await Eventually.TrueAsync(
            async () => (await _bob.GetAsync($"/api/contacts/{aliceId}/direct")).GetProperty("state").GetString() == "requested",
            "bob's page shows alice's request", TimeSpan.FromSeconds(60));
        Assert.Equal("on", (await SetAsync(_bob, aliceId, new { on = true, confirm_ip_exposure = true })).GetProperty("state").GetString());
        await Eventually.TrueAsync(
            async () => (await _alice.GetAsync($"/api/contacts/{bobId}/direct")).GetProperty("state").GetString() == "on",
            "alice's page shows direct mode on", TimeSpan.FromSeconds(60));
        var status = await _alice.GetAsync("/api/p2p");
        Assert.Equal("on", status.GetProperty("contacts").EnumerateArray().Single(c => c.GetProperty("peer").GetString() == bobId).GetProperty("state").GetString());
        Assert.True(status.TryGetProperty("nat_class", out _));

        // Both pages run the direct path (from the network's service nodes): once a session is up, a message goes direct
        // and both copies say so.
        await MessageAsync(aliceId, bobId, "first one on the way");
        await Eventually.TrueAsync(
            async () => (await _alice.GetAsync("/api/p2p")).GetProperty("sessions").EnumerateArray().Any(s => s.GetProperty("peer").GetString() == bobId),
            "alice's page shows a live session with bob", TimeSpan.FromSeconds(60));
        var session = (await _alice.GetAsync("/api/p2p")).GetProperty("sessions").EnumerateArray().Single(s => s.GetProperty("peer").GetString() == bobId);
        Assert.Contains(session.GetProperty("path").GetString(), new[] { "direct", "relayed" });
        Assert.True((await _alice.GetAsync("/api/p2p")).GetProperty("running").GetBoolean());
        var (mine, theirs) = await MessageAsync(aliceId, bobId, "straight to you");
        Assert.Equal(session.GetProperty("path").GetString(), mine.GetProperty("path").GetString());
        Assert.Equal(session.GetProperty("path").GetString(), theirs.GetProperty("path").GetString());

        // Off needs no confirmation.
        Assert.Equal("off", (await SetAsync(_bob, aliceId, new { on = false })).GetProperty("state").GetString());

        // Every message says which way it went; the one before direct mode went through the swarm.
        var history = await _alice.GetAsync($"/api/conversations/{bobId}/messages");
        Assert.Equal("swarm", history.EnumerateArray().Single(m => m.GetProperty("text").GetString() == "hello bob").GetProperty("path").GetString());
    }

    /// <summary>Alice sends <paramref name="text"/> to bob; both copies once bob's page has it.</summary>
    private async Task<(JsonElement Mine, JsonElement Theirs)> MessageAsync(string aliceId, string bobId, string text)
    {
        await _alice.PostAsync($"/api/conversations/{bobId}/messages", new { text, reply_to = (string?)null });
        JsonElement? theirs = null;
        await Eventually.TrueAsync(async () =>
        {
            theirs = (await _bob.GetAsync($"/api/conversations/{aliceId}/messages")).EnumerateArray()
                .Where(m => m.GetProperty("text").GetString() == text).Cast<JsonElement?>().FirstOrDefault();
            return theirs is not null;
        }, $"bob has '{text}'", TimeSpan.FromSeconds(60));
        var mine = (await _alice.GetAsync($"/api/conversations/{bobId}/messages")).EnumerateArray().Single(m => m.GetProperty("text").GetString() == text);
        return (mine, theirs!.Value);
    }

    [Fact]
    public async Task Bad_contacts_and_bodies_get_a_clear_4xx()
    {
        await _alice.CreateAccountAsync("carol", "Carol");
        var stranger = "05" + new string('a', 64);
        Assert.Contains("Account ID", Error(await _alice.GetAsync("/api/contacts/05zz/direct", HttpStatusCode.BadRequest)), StringComparison.Ordinal);
        Assert.Contains("neither a contact", Error(await _alice.GetAsync($"/api/contacts/{stranger}/direct", HttpStatusCode.NotFound)), StringComparison.Ordinal);
        await SetAsync(_alice, stranger, new { on = true, confirm_ip_exposure = true }, HttpStatusCode.NotFound);
        await SetAsync(_alice, "not-an-id", new { on = false }, HttpStatusCode.BadRequest);
        Assert.Contains("request body", Error(await SetAsync(_alice, stranger, new { state = "on" }, HttpStatusCode.BadRequest)), StringComparison.Ordinal);
        var status = await _alice.GetAsync("/api/p2p");
        Assert.False(status.GetProperty("running").GetBoolean());
        Assert.Equal("UNKNOWN", status.GetProperty("nat_class").GetString());
        Assert.Empty(status.GetProperty("sessions").EnumerateArray());
    }
}
