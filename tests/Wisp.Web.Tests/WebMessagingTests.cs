using System.Net;
using System.Text.Json;
using Wisp.Web.Tests.Support;

namespace Wisp.Web.Tests;

/// <summary>
/// Two web apps, alice's and bob's, each its own server over its own home, on a real network of five node processes:
/// everything the page does, over HTTP and the event stream.
/// </summary>
public sealed class WebMessagingTests(FiveNodeNetwork network) : IClassFixture<FiveNodeNetwork>, IAsyncLifetime
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

    private static string Text(JsonElement message) => message.GetProperty("text").GetString()!;

    [Fact]
    public async Task Alice_writes_bob_accepts_reads_replies_and_blocks_and_each_page_sees_it_live()
    {
        var aliceId = await _alice.CreateAccountAsync("alice", "Alice");
        var bobId = await _bob.CreateAccountAsync("bob", "Bob");
        await _alice.WaitConnectedAsync();
        await _bob.WaitConnectedAsync();
        await using var aliceEvents = await _alice.OpenEventsAsync();
        await using var bobEvents = await _bob.OpenEventsAsync();
        Assert.Equal("text/event-stream", aliceEvents.Response.Content.Headers.ContentType?.MediaType);

        // Alice writes first: her message is sending, then sent once a node of bob's swarm signed for it.
        var sent = await _alice.PostAsync($"/api/conversations/{bobId}/messages", new { text = "hello bob", reply_to = (string?)null });
        Assert.Equal("sending", sent.GetProperty("state").GetString());
        Assert.True(sent.GetProperty("outgoing").GetBoolean());
        var aliceMessageId = sent.GetProperty("id").GetString()!;
        await aliceEvents.WaitForAsync("delivery_changed", e =>
            e.GetProperty("message").GetProperty("id").GetString() == aliceMessageId && e.GetProperty("message").GetProperty("state").GetString() == "sent");

        // Bob's page sees it arrive live, as a message request from someone he does not know.
        var arrived = await bobEvents.WaitForAsync("message_added", e => Text(e.GetProperty("message")) == "hello bob");
        Assert.True(arrived.GetProperty("is_request").GetBoolean());
        Assert.Equal("received", arrived.GetProperty("message").GetProperty("state").GetString());
        var requests = await _bob.GetAsync("/api/conversations?state=request");
        var request = Assert.Single(requests.EnumerateArray());
        Assert.Equal(aliceId, request.GetProperty("peer").GetString());
        Assert.Equal("Alice", request.GetProperty("name").GetString());
        Assert.Equal(1, request.GetProperty("unread").GetInt32());

        // Bob accepts and reads: alice's page sees the read receipt.
        var accepted = await _bob.PostAsync($"/api/conversations/{aliceId}/accept");
        Assert.Equal("accepted", accepted.GetProperty("state").GetString());
        Assert.Equal(1, (await _bob.PostAsync($"/api/conversations/{aliceId}/read")).GetProperty("count").GetInt32());
        await aliceEvents.WaitForAsync("delivery_changed", e =>
            e.GetProperty("message").GetProperty("id").GetString() == aliceMessageId && e.GetProperty("message").GetProperty("state").GetString() == "read");

        // Bob types, then replies quoting her message; alice's page sees both, the reply naming her message.
        await _bob.PostAsync($"/api/conversations/{aliceId}/typing", new { started = true }, HttpStatusCode.NoContent);
        await aliceEvents.WaitForAsync("typing", e => e.GetProperty("peer").GetString() == bobId && e.GetProperty("started").GetBoolean());
        var bobCopy = (await _bob.GetAsync($"/api/conversations/{aliceId}/messages")).EnumerateArray().Single(m => Text(m) == "hello bob");
        await _bob.PostAsync($"/api/conversations/{aliceId}/messages", new { text = "hi alice", reply_to = bobCopy.GetProperty("id").GetString() });
        var reply = (await aliceEvents.WaitForAsync("message_added", e => Text(e.GetProperty("message")) == "hi alice")).GetProperty("message");
        Assert.False(reply.GetProperty("outgoing").GetBoolean());
        Assert.Equal(aliceMessageId, reply.GetProperty("reply_to").GetProperty("id").GetString());
        Assert.Equal("hello bob", reply.GetProperty("reply_to").GetProperty("text").GetString());

        // Alice reacts to the reply; bob's page sees the reaction on his message.
        var replyId = reply.GetProperty("id").GetString()!;
        await _alice.PostAsync($"/api/messages/{replyId}/reactions", new { emoji = "👍", remove = false }, HttpStatusCode.NoContent);
        var changed = await bobEvents.WaitForAsync("message_changed", e => Text(e.GetProperty("message")) == "hi alice"
            && e.GetProperty("message").GetProperty("reactions").GetArrayLength() == 1);
        var reaction = changed.GetProperty("message").GetProperty("reactions")[0];
        Assert.Equal("👍", reaction.GetProperty("emoji").GetString());
        Assert.False(reaction.GetProperty("mine").GetBoolean());

        // Alice's history holds both, oldest first.
        var history = await _alice.GetAsync($"/api/conversations/{bobId}/messages?limit=10");
        Assert.Equal(["hello bob", "hi alice"], history.EnumerateArray().Select(Text));

        // Bob blocks alice: the conversation says so, his contacts mark her, and nothing can be sent to her.
        var blocked = await _bob.PostAsync($"/api/conversations/{aliceId}/block");
        Assert.Equal("blocked", blocked.GetProperty("state").GetString());
        var contact = (await _bob.GetAsync("/api/contacts")).EnumerateArray().Single(c => c.GetProperty("peer").GetString() == aliceId);
        Assert.True(contact.GetProperty("blocked").GetBoolean());
        var refused = await _bob.PostAsync($"/api/conversations/{aliceId}/messages", new { text = "still there?" }, HttpStatusCode.BadRequest);
        Assert.Contains("blocked", refused.GetProperty("error").GetString()!, StringComparison.Ordinal);
        Assert.Single((await _bob.GetAsync("/api/conversations?state=blocked")).EnumerateArray());
    }

    [Fact]
    public async Task The_network_page_shows_every_node_the_swarms_this_accounts_swarm_and_the_onion_path()
    {
        await _alice.CreateAccountAsync("alice");
        await _alice.WaitConnectedAsync();
        // The poller's first request builds a path.
        JsonElement view = default;
        await Wisp.Testing.Eventually.TrueAsync(async () =>
        {
            view = await _alice.GetAsync("/api/network");
            return view.GetProperty("path").GetArrayLength() > 0;
        }, "an onion path is built");

        Assert.True(view.GetProperty("connected").GetBoolean());
        var nodes = view.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Equal(FiveNodeNetwork.NodeCount, nodes.Count);
        Assert.All(nodes, n => Assert.StartsWith("node-", n.GetProperty("name").GetString(), StringComparison.Ordinal));
        var mySwarm = view.GetProperty("my_swarm").GetString();
        Assert.Contains(view.GetProperty("swarms").EnumerateArray(), s => s.GetProperty("swarm_id").GetString() == mySwarm);
        var path = view.GetProperty("path").EnumerateArray().ToList();
        Assert.Equal(["guard", "relay", "relay", "destination"], path.Select(h => h.GetProperty("role").GetString()));
        Assert.Equal(4, path.Select(h => h.GetProperty("ed25519").GetString()).Distinct().Count());
        Assert.All(path, h => Assert.Contains(nodes, n => n.GetProperty("ed25519").GetString() == h.GetProperty("ed25519").GetString()));
    }

    [Fact]
    public async Task Search_the_disappearing_timer_and_both_kinds_of_delete_work_from_the_page()
    {
        await _alice.CreateAccountAsync("alice");
        var bobId = await _bob.CreateAccountAsync("bob");
        await _alice.WaitConnectedAsync();
        await using var aliceEvents = await _alice.OpenEventsAsync();

        var first = await _alice.PostAsync($"/api/conversations/{bobId}/messages", new { text = "the zebra crossing" });
        var second = await _alice.PostAsync($"/api/conversations/{bobId}/messages", new { text = "something else" });
        var found = await _alice.GetAsync($"/api/search?q=ZEBRA&peer={bobId}");
        Assert.Equal(first.GetProperty("id").GetString(), Assert.Single(found.EnumerateArray()).GetProperty("id").GetString());

        var configured = await _alice.CallAsync(HttpMethod.Put, $"/api/conversations/{bobId}/settings", new { disappearing_seconds = 3600, typing_indicators = false });
        Assert.Equal(3600, configured.GetProperty("disappearing_seconds").GetInt64());
        Assert.False(configured.GetProperty("typing_indicators").GetBoolean());
        Assert.True(configured.GetProperty("read_receipts").GetBoolean());
        Assert.Contains((await _alice.GetAsync($"/api/conversations/{bobId}/messages")).EnumerateArray(), m => m.GetProperty("kind").GetString() == "timer");

        var firstId = first.GetProperty("id").GetString()!;
        await _alice.CallAsync(HttpMethod.Delete, $"/api/messages/{firstId}?for=me", expected: HttpStatusCode.NoContent);
        await aliceEvents.WaitForAsync("message_removed", e => e.GetProperty("id").GetString() == firstId && e.GetProperty("peer").GetString() == bobId);
        Assert.DoesNotContain((await _alice.GetAsync($"/api/conversations/{bobId}/messages")).EnumerateArray(), m => m.GetProperty("id").GetString() == firstId);

        var secondId = second.GetProperty("id").GetString()!;
        await _alice.CallAsync(HttpMethod.Delete, $"/api/messages/{secondId}?for=everyone", expected: HttpStatusCode.NoContent);
        await aliceEvents.WaitForAsync("message_changed", e =>
            e.GetProperty("message").GetProperty("id").GetString() == secondId && e.GetProperty("message").GetProperty("deleted").GetBoolean());
        await _alice.CallAsync(HttpMethod.Delete, $"/api/messages/{secondId}?for=nobody", expected: HttpStatusCode.BadRequest);
        await _alice.CallAsync(HttpMethod.Delete, "/api/messages/no-such-id?for=me", expected: HttpStatusCode.NotFound);
    }
}
