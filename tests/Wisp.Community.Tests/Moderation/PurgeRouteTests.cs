using Wisp.Community.Moderation;
using Wisp.Community.Rooms;
using Wisp.Community.Storage;
using Wisp.Community.Tests.Support;

namespace Wisp.Community.Tests.Moderation;

/// <summary>
/// <c>DELETE /room/{token}/all/{id}</c> and <c>DELETE /rooms/all/{id}</c>: a moderator deletes every post of a member
/// (the posts emptied and given new seqnos, their files expired); a member may delete their own; nobody else.
/// </summary>
public sealed class PurgeRouteTests : IAsyncLifetime
{
    private TestCommunityServer _server = null!;
    private Room _room = null!;
    private readonly TestUser _member = new();
    private readonly TestUser _other = new();
    private readonly TestUser _mod = new();
    private readonly TestUser _admin = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await TestCommunityServer.StartAsync();
        _room = await _server.AddRoomAsync("test-room");
        await _server.MakeRoomAsync(_room, _mod, admin: false);
        await _server.MakeRoomAsync(_room, _admin, admin: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        foreach (var user in new[] { _member, _other, _mod, _admin })
            user.Dispose();
    }

    // Posts are written as rows here so these tests depend only on the purge, not on the posting route.
    private async Task PostAsync(TestUser user, int count)
    {
        var row = await _server.RowAsync(user);
        await _server.Services.Database.WriteAsync(async (_, transaction) =>
        {
            for (var i = 0; i < count; i++)
            {
                await using var insert = transaction.Command(
                    "INSERT INTO messages (room, \"user\", posted, data, data_size, signature) VALUES ($room, $user, 0, x'01', 1, x'02')",
                    ("$room", _room.Id), ("$user", row.Id));
                await insert.ExecuteNonQueryAsync(Token);
            }
            return true;
        }, Token);
    }

    private async Task<long> LivePostsAsync(TestUser user)
    {
        var row = await _server.RowAsync(user);
        await using var connection = _server.Services.Database.Open();
        await using var command = connection.Command("SELECT COUNT(*) FROM messages WHERE \"user\" = $user AND data IS NOT NULL", ("$user", row.Id));
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    [Fact]
    public async Task A_moderator_deletes_every_post_of_a_member_and_pollers_see_new_seqnos()
    {
        await PostAsync(_member, 3);
        await PostAsync(_other, 1);
        var sequence = (await _server.Services.Rooms.FindAsync("test-room", Token))!.MessageSequence;

        var answer = await _server.SendAsync("DELETE", $"/room/test-room/all/{_server.Id(_member)}", _mod);

        Assert.Equal((200, "{}"), (answer.Status, answer.Text));
        Assert.Equal((0L, 1L), (await LivePostsAsync(_member), await LivePostsAsync(_other)));
        Assert.Equal(sequence + 3, (await _server.Services.Rooms.FindAsync("test-room", Token))!.MessageSequence);
        Assert.Equal(404, (await _server.SendAsync("DELETE", $"/room/test-room/all/{_server.Id(_member)}", _mod)).Status); // nothing left
    }

    [Fact]
    public async Task A_member_deletes_their_own_posts_but_not_anothers()
    {
        await PostAsync(_member, 2);
        await PostAsync(_other, 2);

        Assert.Equal(403, (await _server.SendAsync("DELETE", $"/room/test-room/all/{_server.Id(_other)}", _member)).Status);
        Assert.Equal(200, (await _server.SendAsync("DELETE", $"/room/test-room/all/{_server.Id(_member)}", _member)).Status);

        Assert.Equal((0L, 2L), (await LivePostsAsync(_member), await LivePostsAsync(_other)));
    }

    [Fact]
    public async Task Only_an_admin_deletes_an_admins_posts()
    {
        await PostAsync(_admin, 1);

        Assert.Equal(403, (await _server.SendAsync("DELETE", $"/room/test-room/all/{_server.Id(_admin)}", _mod)).Status);
        Assert.Equal(1L, await LivePostsAsync(_admin));
    }

    [Fact]
    public async Task Deleting_across_rooms_reports_the_counts()
    {
        await PostAsync(_member, 2);
        using var stranger = new TestUser();

        var answer = await _server.SendAsync("DELETE", $"/rooms/all/{_server.Id(_member)}", _mod);

        Assert.Equal((200, """{"rooms":{"test-room":2},"total":2}"""), (answer.Status, answer.Text));
        Assert.Equal(404, (await _server.SendAsync("DELETE", $"/room/test-room/all/{_server.Id(stranger)}", _mod)).Status); // never seen
        Assert.Equal(401, (await _server.SendAsync("DELETE", $"/room/test-room/all/{_server.Id(_member)}")).Status);
    }
}
