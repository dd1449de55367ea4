using System.Net;
using System.Text.Json;
using Wisp.Web.Tests.Support;

namespace Wisp.Web.Tests;

/// <summary>
/// Two web apps in the lobby of the community server <c>wisp up</c> runs, reached through the network's onion paths:
/// posting, reacting, replying and a blinded DM seen live on the event stream, and what a member and a moderator may do.
/// </summary>
public sealed class WebCommunityTests(FiveNodeNetwork network) : IClassFixture<FiveNodeNetwork>, IAsyncLifetime
{
    private WebApp _alice = null!;
    private WebApp _bob = null!;
    private LocalCommunity _community = null!;

    public async ValueTask InitializeAsync()
    {
        _community = LocalCommunity.Read(network.Folder);
        _alice = await WebApp.StartAsync(network.Folder);
        _bob = await WebApp.StartAsync(network.Folder);
        await _alice.CreateAccountAsync("alice", "Alice");
        await _bob.CreateAccountAsync("bob", "Bob");
        await _alice.WaitConnectedAsync();
        await _bob.WaitConnectedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _alice.DisposeAsync();
        await _bob.DisposeAsync();
    }

    private static string Text(JsonElement message) => message.GetProperty("text").GetString()!;

    private static string Error(JsonElement answer) => answer.GetProperty("error").GetString()!;

    /// <summary>Joins the lobby; the room as the API answers it.</summary>
    private async Task<JsonElement> JoinAsync(WebApp app)
    {
        var room = await app.PostAsync("/api/communities", new { url = _community.JoinUrl });
        Assert.Equal("lobby", room.GetProperty("token").GetString());
        Assert.Matches("^15[0-9a-f]{64}$", room.GetProperty("you").GetString());
        return room;
    }

    [Fact]
    public async Task Members_post_react_reply_and_dm_live_and_only_the_moderator_deletes_others_and_bans()
    {
        var aliceRoom = await JoinAsync(_alice);
        var bobRoom = await JoinAsync(_bob);
        var roomId = aliceRoom.GetProperty("id").GetString()!;
        Assert.Equal(roomId, bobRoom.GetProperty("id").GetString());
        Assert.False(aliceRoom.GetProperty("moderator").GetBoolean());
        var aliceBlinded = aliceRoom.GetProperty("you").GetString()!;
        var bobBlinded = bobRoom.GetProperty("you").GetString()!;
        var listed = Assert.Single((await _alice.GetAsync("/api/communities")).EnumerateArray());
        Assert.Equal(roomId, listed.GetProperty("id").GetString());
        Assert.Equal(_community.JoinUrl, listed.GetProperty("url").GetString());
        await using var aliceEvents = await _alice.OpenEventsAsync();
        await using var bobEvents = await _bob.OpenEventsAsync();

        // The operator makes alice a moderator; her app learns it from the room's info (a community_changed event).
        await _community.AddModeratorAsync(aliceBlinded);
        await aliceEvents.WaitForAsync("community_changed", e => e.GetProperty("community").GetProperty("moderator").GetBoolean());

        // Alice posts; bob's app sees it arrive, under her name and blinded ID.
        var posted = await _alice.PostAsync($"{_community.RoomPath}/messages", new { text = "welcome to the lobby" });
        Assert.True(posted.GetProperty("outgoing").GetBoolean());
        Assert.Equal(roomId, posted.GetProperty("peer").GetString());
        var postId = posted.GetProperty("id").GetString()!;
        var arrived = (await bobEvents.WaitForAsync("message_added", e => Text(e.GetProperty("message")) == "welcome to the lobby")).GetProperty("message");
        Assert.Equal(aliceBlinded, arrived.GetProperty("sender").GetString());
        Assert.Equal("Alice", arrived.GetProperty("sender_name").GetString());
        Assert.False(arrived.GetProperty("outgoing").GetBoolean());

        // Bob reacts and replies; alice sees both.
        await _bob.PostAsync($"{_community.RoomPath}/messages/{postId}/reactions", new { emoji = "👍", remove = false }, HttpStatusCode.NoContent);
        await aliceEvents.WaitForAsync("message_changed", e =>
            e.GetProperty("message").GetProperty("id").GetString() == postId
            && e.GetProperty("message").GetProperty("reactions").EnumerateArray().Any(r => r.GetProperty("emoji").GetString() == "👍" && r.GetProperty("count").GetInt32() == 1));
        var reply = await _bob.PostAsync($"{_community.RoomPath}/messages", new { text = "glad to be here", reply_to = postId });
        var replyId = reply.GetProperty("id").GetString()!;
        var replied = (await aliceEvents.WaitForAsync("message_added", e => Text(e.GetProperty("message")) == "glad to be here")).GetProperty("message");
        Assert.Equal(postId, replied.GetProperty("reply_to").GetProperty("id").GetString());
        Assert.Equal("welcome to the lobby", replied.GetProperty("reply_to").GetProperty("text").GetString());

        // Bob may not delete alice's message nor ban her: 403 before the server is asked.
        await _bob.WaitForMessageAsync(_community.RoomPath, postId);
        Assert.Contains("only a moderator", Error(await _bob.CallAsync(HttpMethod.Delete, $"{_community.RoomPath}/messages/{postId}", expected: HttpStatusCode.Forbidden)), StringComparison.Ordinal);
        Assert.Contains("only a moderator", Error(await _bob.PostAsync($"{_community.RoomPath}/bans", new { member = aliceBlinded }, HttpStatusCode.Forbidden)), StringComparison.Ordinal);

        // Bob writes to alice privately (a blinded DM); her app sees the thread, named by his name or Account ID.
        var dm = await _bob.PostAsync($"{_community.RoomPath}/dms/{aliceBlinded}/messages", new { text = "a word in private", reply_to = (string?)null });
        Assert.Equal($"{aliceBlinded}@{roomId}", dm.GetProperty("peer").GetString());
        var dmArrived = (await aliceEvents.WaitForAsync("message_added", e => Text(e.GetProperty("message")) == "a word in private")).GetProperty("message");
        Assert.Equal($"{bobBlinded}@{roomId}", dmArrived.GetProperty("peer").GetString());
        var thread = Assert.Single((await _alice.GetAsync("/api/communities/dms")).EnumerateArray());
        Assert.Equal(bobBlinded, thread.GetProperty("member").GetString());
        Assert.Equal("a word in private", Text(Assert.Single((await _alice.GetAsync($"{_community.RoomPath}/dms/{bobBlinded}/messages")).EnumerateArray())));

        // Alice, a moderator, deletes bob's reply (bob's app sees it go) and bans him; his next post is refused.
        await _alice.CallAsync(HttpMethod.Delete, $"{_community.RoomPath}/messages/{replyId}", expected: HttpStatusCode.NoContent);
        await bobEvents.WaitForAsync("message_changed", e => e.GetProperty("message").GetProperty("id").GetString() == replyId && e.GetProperty("message").GetProperty("deleted").GetBoolean());
        await _alice.PostAsync($"{_community.RoomPath}/bans", new { member = bobBlinded, seconds = 3600 }, HttpStatusCode.NoContent);
        var refused = await _bob.PostAsync($"{_community.RoomPath}/messages", new { text = "am I still here?" }, HttpStatusCode.Forbidden);
        Assert.False(string.IsNullOrWhiteSpace(Error(refused)));
    }

    [Fact]
    public async Task A_joined_rooms_calls_check_their_input_and_leaving_forgets_it()
    {
        await JoinAsync(_alice);
        var room = _community.RoomPath;
        const string Member = "15" + "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12";
        Assert.Contains("needs some text", Error(await _alice.PostAsync($"{room}/messages", new { text = "  " }, HttpStatusCode.BadRequest)), StringComparison.Ordinal);
        Assert.Contains("at most 2000", Error(await _alice.PostAsync($"{room}/messages", new { text = new string('x', 2_001) }, HttpStatusCode.BadRequest)), StringComparison.Ordinal);
        Assert.Contains("not a community message id", Error(await _alice.PostAsync($"{room}/messages", new { text = "hi", reply_to = "x" }, HttpStatusCode.BadRequest)), StringComparison.Ordinal);
        Assert.Contains("no message 999999", Error(await _alice.PostAsync($"{room}/messages", new { text = "hi", reply_to = "999999" }, HttpStatusCode.NotFound)), StringComparison.Ordinal);
        Assert.Contains("no message 999999", Error(await _alice.PostAsync($"{room}/messages/999999/reactions", new { emoji = "👍" }, HttpStatusCode.NotFound)), StringComparison.Ordinal);
        Assert.Contains("not a community message id", Error(await _alice.CallAsync(HttpMethod.Delete, $"{room}/messages/-4", expected: HttpStatusCode.BadRequest)), StringComparison.Ordinal);
        Assert.Contains("limit is a whole number", Error(await _alice.GetAsync($"{room}/messages?limit=0", HttpStatusCode.BadRequest)), StringComparison.Ordinal);
        Assert.Contains("starts with 15 or 25", Error(await _alice.PostAsync($"{room}/bans", new { member = "07" + Member[2..] }, HttpStatusCode.BadRequest)), StringComparison.Ordinal);
        Assert.Contains("seconds is from 1", Error(await _alice.PostAsync($"{room}/bans", new { member = Member, seconds = 0 }, HttpStatusCode.BadRequest)), StringComparison.Ordinal);
        Assert.Contains("only a moderator", Error(await _alice.PostAsync($"{room}/bans", new { member = Member }, HttpStatusCode.Forbidden)), StringComparison.Ordinal);
        Assert.Contains("has 5", Error(await _alice.PostAsync($"{room}/dms/15abc/messages", new { text = "hi" }, HttpStatusCode.BadRequest)), StringComparison.Ordinal);

        await _alice.CallAsync(HttpMethod.Delete, room, expected: HttpStatusCode.NoContent);
        Assert.Equal(0, (await _alice.GetAsync("/api/communities")).GetArrayLength());
        await _alice.GetAsync($"{room}/messages", HttpStatusCode.NotFound);
    }
}
