using System.Text.Json;
using Wisp.Community.Tests.Support;

namespace Wisp.Community.Tests.Messages;

/// <summary>Reactions, reactors and the <c>t=r</c> reaction updates, as pysogs's tests/test_reactions.py expects them.</summary>
public sealed class ReactionRouteTests
{
    private const string Room = "lobby";

    [Fact]
    public async Task Reacting_answers_added_and_seqno_and_shows_in_the_message_with_you_and_reactors()
    {
        await using var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync(Room);
        using var author = new TestUser();
        using var fan = new TestUser();
        var id = (await Steps.PostAsync(server, author, Room, "react to me")).GetProperty("id").GetInt64();

        var first = await server.SendAsync("PUT", $"/room/{Room}/reaction/{id}/🍍", fan);
        var again = await server.SendAsync("PUT", $"/room/{Room}/reaction/{id}/🍍", fan);
        await server.SendAsync("PUT", $"/room/{Room}/reaction/{id}/👍🏽", author);
        var asFan = (await server.SendAsync("GET", $"/room/{Room}/message/{id}?reactors=1", fan)).Json.GetProperty("reactions");

        Assert.Equal((200, """{"added":true,"seqno":2}"""), (first.Status, first.Text));
        Assert.Equal((200, """{"added":false,"seqno":2}"""), (again.Status, again.Text));
        var pineapple = asFan.GetProperty("🍍");
        Assert.Equal(0, pineapple.GetProperty("index").GetInt32());
        Assert.Equal(1, pineapple.GetProperty("count").GetInt64());
        Assert.True(pineapple.GetProperty("you").GetBoolean());
        Assert.Equal([fan.SessionId(server.Server.PublicKey)], pineapple.GetProperty("reactors").EnumerateArray().Select(e => e.GetString()));
        var thumbs = asFan.GetProperty("👍🏽");
        Assert.Equal(1, thumbs.GetProperty("index").GetInt32());
        Assert.False(thumbs.TryGetProperty("you", out _));
    }

    [Fact]
    public async Task A_since_poll_with_t_r_gets_reaction_only_rows_and_without_it_none()
    {
        await using var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync(Room);
        using var user = new TestUser();
        var id = (await Steps.PostAsync(server, user, Room, "hi")).GetProperty("id").GetInt64();
        await server.SendAsync("PUT", $"/room/{Room}/reaction/{id}/❤️", user);

        var withReactions = (await server.SendAsync("GET", $"/room/{Room}/messages/since/1?t=r")).Json;
        var without = (await server.SendAsync("GET", $"/room/{Room}/messages/since/1")).Json;

        var row = Assert.Single(withReactions.EnumerateArray());
        Assert.Equal(["id", "seqno", "reactions"], row.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, row.GetProperty("reactions").GetProperty("❤️").GetProperty("count").GetInt64());
        Assert.Empty(without.EnumerateArray());
    }

    [Fact]
    public async Task Unreacting_answers_removed_and_reactors_lists_session_id_and_time()
    {
        await using var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync(Room);
        using var user = new TestUser();
        var id = (await Steps.PostAsync(server, user, Room, "hi")).GetProperty("id").GetInt64();
        await server.SendAsync("PUT", $"/room/{Room}/reaction/{id}/🎉", user);

        var reactors = (await server.SendAsync("GET", $"/room/{Room}/reactors/{id}/🎉")).Json;
        var removed = await server.SendAsync("DELETE", $"/room/{Room}/reaction/{id}/🎉", user);
        var again = await server.SendAsync("DELETE", $"/room/{Room}/reaction/{id}/🎉", user);

        var entry = Assert.Single(reactors.EnumerateArray());
        Assert.Equal(user.SessionId(server.Server.PublicKey), entry[0].GetString());
        Assert.Equal(JsonValueKind.Number, entry[1].ValueKind);
        Assert.Equal("""{"removed":true,"seqno":3}""", removed.Text);
        Assert.Equal("""{"removed":false,"seqno":3}""", again.Text);
    }

    [Fact]
    public async Task Reaction_refusals_have_pysogs_statuses()
    {
        await using var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync(Room);
        using var user = new TestUser();
        var id = (await Steps.PostAsync(server, user, Room, "hi")).GetProperty("id").GetInt64();

        var anonymous = await server.SendAsync("PUT", $"/room/{Room}/reaction/{id}/🍍");
        var tooLong = await server.SendAsync("PUT", $"/room/{Room}/reaction/{id}/abcdefghijklm", user);
        var missing = await server.SendAsync("PUT", $"/room/{Room}/reaction/999/🍍", user);
        var notModerator = await server.SendAsync("DELETE", $"/room/{Room}/reactions/{id}", user);

        Assert.Equal((401, "X-SOGS-* request authentication required"), (anonymous.Status, anonymous.Text));
        Assert.Equal((400, ""), (tooLong.Status, tooLong.Text));
        Assert.Equal((404, "No such post: 999"), (missing.Status, missing.Text));
        Assert.Equal((403, "This endpoint requires moderator room permissions"), (notModerator.Status, notModerator.Text));
    }

    [Fact]
    public async Task A_moderator_clears_reactions_and_gets_the_count()
    {
        await using var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync(Room);
        using var user = new TestUser();
        using var moderator = new TestUser();
        await Steps.SetGlobalAsync(server, moderator, "moderator");
        var id = (await Steps.PostAsync(server, user, Room, "hi")).GetProperty("id").GetInt64();
        await server.SendAsync("PUT", $"/room/{Room}/reaction/{id}/🍍", user);
        await server.SendAsync("PUT", $"/room/{Room}/reaction/{id}/🍍", moderator);
        await server.SendAsync("PUT", $"/room/{Room}/reaction/{id}/🍌", user);

        var cleared = await server.SendAsync("DELETE", $"/room/{Room}/reactions/{id}/🍍", moderator);
        var all = await server.SendAsync("DELETE", $"/room/{Room}/reactions/{id}", moderator);

        Assert.Equal("""{"removed":2,"seqno":6}""", cleared.Text);
        Assert.Equal("""{"removed":1,"seqno":7}""", all.Text);
    }
}
