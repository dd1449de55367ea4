using System.Text.Json;
using Wisp.Community.Tests.Support;

namespace Wisp.Community.Tests.Messages;

/// <summary>Posting, reading, editing and deleting, with pysogs's shapes, statuses and words.</summary>
public sealed class MessageRouteTests
{
    private const string Room = "lobby";

    private static async Task<TestCommunityServer> StartAsync()
    {
        var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync(Room);
        return server;
    }

    [Fact]
    public async Task A_post_is_201_with_the_padded_data_and_signature_and_reads_back_the_same()
    {
        await using var server = await StartAsync();
        using var user = new TestUser();
        var data = Steps.Padded("hello");

        var answer = await server.SendJsonAsync("POST", $"/room/{Room}/message", user, Steps.PostBody(server, user, data));
        var posted = answer.Json;
        var single = (await server.SendAsync("GET", $"/room/{Room}/message/{posted.GetProperty("id").GetInt64()}")).Json;

        Assert.Equal(201, answer.Status);
        Assert.Equal(["id", "session_id", "posted", "seqno", "data", "signature", "reactions"], posted.EnumerateObject().Select(p => p.Name));
        Assert.Equal(data, posted.GetProperty("data").GetBytesFromBase64());
        Assert.Equal(1, posted.GetProperty("seqno").GetInt64());
        Assert.Equal(posted.GetProperty("data").GetString(), single.GetProperty("data").GetString());
        Assert.Equal(posted.GetProperty("signature").GetString(), single.GetProperty("signature").GetString());
        Assert.Equal(JsonValueKind.Object, single.GetProperty("reactions").ValueKind);
    }

    [Fact]
    public async Task Since_recent_and_before_page_as_pysogs_does()
    {
        await using var server = await StartAsync();
        using var user = new TestUser();
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add((await Steps.PostAsync(server, user, Room, $"m{i}")).GetProperty("id").GetInt64());
            server.Clock.Advance(TimeSpan.FromSeconds(5)); // past the rate limit's count
        }

        static long[] Ids(JsonElement list) => [.. list.EnumerateArray().Select(m => m.GetProperty("id").GetInt64())];
        Assert.Equal(ids.Skip(1), Ids((await server.SendAsync("GET", $"/room/{Room}/messages/since/1")).Json));
        Assert.Equal(ids.Take(2), Ids((await server.SendAsync("GET", $"/room/{Room}/messages/since/0?limit=2")).Json));
        Assert.Equal(ids.AsEnumerable().Reverse(), Ids((await server.SendAsync("GET", $"/room/{Room}/messages/recent")).Json));
        Assert.Equal([ids[1], ids[0]], Ids((await server.SendAsync("GET", $"/room/{Room}/messages/before/{ids[2]}")).Json));
        Assert.Equal(400, (await server.SendAsync("GET", $"/room/{Room}/messages/recent?limit=x")).Status);
        Assert.Equal(404, (await server.SendAsync("GET", $"/room/{Room}/message/999")).Status);
    }

    [Fact]
    public async Task An_edit_answers_empty_object_and_moves_the_seqno_with_edited_set()
    {
        await using var server = await StartAsync();
        using var user = new TestUser();
        var id = (await Steps.PostAsync(server, user, Room, "first")).GetProperty("id").GetInt64();
        var data = Steps.Padded("second");

        var answer = await server.SendJsonAsync("PUT", $"/room/{Room}/message/{id}", user, Steps.PostBody(server, user, data));
        var since = (await server.SendAsync("GET", $"/room/{Room}/messages/since/1")).Json;

        Assert.Equal((200, "{}"), (answer.Status, answer.Text));
        var edited = Assert.Single(since.EnumerateArray());
        Assert.Equal(2, edited.GetProperty("seqno").GetInt64());
        Assert.Equal(data, edited.GetProperty("data").GetBytesFromBase64());
        Assert.True(edited.TryGetProperty("edited", out _));
    }

    [Fact]
    public async Task Editing_another_users_message_is_403_and_a_missing_one_404_with_pysogs_words()
    {
        await using var server = await StartAsync();
        using var author = new TestUser();
        using var other = new TestUser();
        var id = (await Steps.PostAsync(server, author, Room, "mine")).GetProperty("id").GetInt64();

        var foreign = await server.SendJsonAsync("PUT", $"/room/{Room}/message/{id}", other, Steps.PostBody(server, other, Steps.Padded("x")));
        var missing = await server.SendJsonAsync("PUT", $"/room/{Room}/message/77", author, Steps.PostBody(server, author, Steps.Padded("x")));

        Assert.Equal((403, "Permission denied"), (foreign.Status, foreign.Text));
        Assert.Equal((404, "No such post: 77"), (missing.Status, missing.Text));
    }

    [Fact]
    public async Task A_deletion_reads_as_data_null_and_deleted_in_a_since_poll_and_vanishes_from_recent()
    {
        await using var server = await StartAsync();
        using var user = new TestUser();
        var id = (await Steps.PostAsync(server, user, Room, "oops")).GetProperty("id").GetInt64();

        var answer = await server.SendAsync("DELETE", $"/room/{Room}/message/{id}", user);
        var since = (await server.SendAsync("GET", $"/room/{Room}/messages/since/1")).Json;
        var fromStart = (await server.SendAsync("GET", $"/room/{Room}/messages/since/0")).Json;

        Assert.Equal((200, "{}"), (answer.Status, answer.Text));
        var deleted = Assert.Single(since.EnumerateArray());
        Assert.Equal(JsonValueKind.Null, deleted.GetProperty("data").ValueKind);
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.False(deleted.TryGetProperty("signature", out _));
        Assert.False(deleted.TryGetProperty("reactions", out _));
        Assert.Equal(2, deleted.GetProperty("seqno").GetInt64());
        Assert.Empty(fromStart.EnumerateArray()); // a client that never saw it is not told of it
        Assert.Empty((await server.SendAsync("GET", $"/room/{Room}/messages/recent")).Json.EnumerateArray());
        Assert.Equal(404, (await server.SendAsync("DELETE", $"/room/{Room}/message/{id}", user)).Status);
    }

    [Fact]
    public async Task Deleting_another_users_message_is_403_unless_moderator()
    {
        await using var server = await StartAsync();
        using var author = new TestUser();
        using var other = new TestUser();
        using var moderator = new TestUser();
        await Steps.SetGlobalAsync(server, moderator, "moderator");
        var id = (await Steps.PostAsync(server, author, Room, "mine")).GetProperty("id").GetInt64();

        var foreign = await server.SendAsync("DELETE", $"/room/{Room}/message/{id}", other);
        var byModerator = await server.SendAsync("DELETE", $"/room/{Room}/message/{id}", moderator);

        Assert.Equal((403, "Permission denied"), (foreign.Status, foreign.Text));
        Assert.Equal(200, byModerator.Status);
    }

    [Theory]
    [InlineData("""{"data":"aGVsbG8=","signature":"c2ln"}""")]
    [InlineData("""{"data":"aGVsbG8="}""")]
    [InlineData("""{"signature":"c2ln"}""")]
    public async Task A_post_without_data_or_a_64_byte_signature_is_400_empty(string body)
    {
        await using var server = await StartAsync();
        using var user = new TestUser();

        var answer = await server.SendJsonAsync("POST", $"/room/{Room}/message", user, body);

        Assert.Equal((400, ""), (answer.Status, answer.Text));
    }

    [Fact]
    public async Task A_post_whose_signature_is_not_the_posters_is_400()
    {
        await using var server = await StartAsync();
        using var user = new TestUser();
        using var other = new TestUser();
        var data = Steps.Padded("forged");
        var body = $$"""{"data":"{{Convert.ToBase64String(data)}}","signature":"{{Convert.ToBase64String(other.SignData(server.Server.PublicKey, data))}}"}""";

        var answer = await server.SendJsonAsync("POST", $"/room/{Room}/message", user, body);

        Assert.Equal((400, "Invalid message signature"), (answer.Status, answer.Text));
    }

    [Fact]
    public async Task Without_write_permission_a_post_is_403()
    {
        await using var server = await StartAsync();
        await Steps.ExecuteAsync(server, "UPDATE rooms SET write = 0");
        using var user = new TestUser();

        var answer = await server.SendJsonAsync("POST", $"/room/{Room}/message", user, Steps.PostBody(server, user, Steps.Padded("x")));

        Assert.Equal((403, "Permission denied"), (answer.Status, answer.Text));
    }

    [Fact]
    public async Task The_sixth_post_within_16_seconds_is_429_rate_limited()
    {
        await using var server = await StartAsync();
        using var user = new TestUser();
        for (var i = 0; i < 5; i++)
            await Steps.PostAsync(server, user, Room, $"m{i}");

        var sixth = await server.SendJsonAsync("POST", $"/room/{Room}/message", user, Steps.PostBody(server, user, Steps.Padded("m5")));
        server.Clock.Advance(TimeSpan.FromSeconds(17));
        var later = await server.SendJsonAsync("POST", $"/room/{Room}/message", user, Steps.PostBody(server, user, Steps.Padded("m6")));

        Assert.Equal((429, "Rate limited"), (sixth.Status, sixth.Text));
        Assert.Equal(201, later.Status);
    }

    [Fact]
    public async Task A_whisper_is_for_moderators_and_seen_only_by_its_target_and_moderators()
    {
        await using var server = await StartAsync();
        using var moderator = new TestUser();
        using var target = new TestUser();
        using var bystander = new TestUser();
        await Steps.SetGlobalAsync(server, moderator, "moderator");
        var targetId = target.SessionId(server.Server.PublicKey);

        var refused = await server.SendJsonAsync("POST", $"/room/{Room}/message", bystander,
            Steps.PostBody(server, bystander, Steps.Padded("psst"), $$""","whisper_to":"{{targetId}}" """));
        var whisper = await Steps.PostAsync(server, moderator, Room, "psst", $$""","whisper_to":"{{targetId}}" """);

        Assert.Equal((403, "Permission denied"), (refused.Status, refused.Text));
        Assert.True(whisper.GetProperty("whisper").GetBoolean());
        Assert.False(whisper.GetProperty("whisper_mods").GetBoolean());
        Assert.Equal(targetId, whisper.GetProperty("whisper_to").GetString());
        Assert.Single((await server.SendAsync("GET", $"/room/{Room}/messages/recent", target)).Json.EnumerateArray());
        Assert.Empty((await server.SendAsync("GET", $"/room/{Room}/messages/recent", bystander)).Json.EnumerateArray());
        Assert.Empty((await server.SendAsync("GET", $"/room/{Room}/messages/recent")).Json.EnumerateArray());
    }
}
