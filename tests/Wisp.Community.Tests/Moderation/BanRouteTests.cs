using System.Text;
using Wisp.Community.Moderation;
using Wisp.Community.Rooms;
using Wisp.Community.Tests.Support;

namespace Wisp.Community.Tests.Moderation;

/// <summary>
/// <c>POST /user/{id}/ban</c> and <c>/unban</c>: room and global bans refuse what pysogs refuses (reading, uploading;
/// every request for a global ban), timeouts lift themselves when the sweep runs past them, and nobody bans upward.
/// </summary>
public sealed class BanRouteTests : IAsyncLifetime
{
    private TestCommunityServer _server = null!;
    private Room _room = null!;
    private long _fileId;
    private readonly TestUser _member = new();
    private readonly TestUser _mod = new();
    private readonly TestUser _admin = new();
    private readonly TestUser _globalMod = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await TestCommunityServer.StartAsync();
        _room = await _server.AddRoomAsync("test-room");
        await _server.AddRoomAsync("room2");
        await _server.MakeRoomAsync(_room, _mod, admin: false);
        await _server.MakeRoomAsync(_room, _admin, admin: true);
        await _server.MakeGlobalAsync(_globalMod, admin: false);
        var upload = await _server.SendAsync("POST", "/room/test-room/file", _mod, Encoding.UTF8.GetBytes("rules"));
        _fileId = upload.Json.GetProperty("id").GetInt64();
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        foreach (var user in new[] { _member, _mod, _admin, _globalMod })
            user.Dispose();
    }

    private Task<Answer> ReadFileAsync(TestUser user) => _server.SendAsync("GET", $"/room/test-room/file/{_fileId}", user);

    private Task<Answer> UploadAsync(TestUser user) => _server.SendAsync("POST", "/room/test-room/file", user, [1, 2, 3]);

    [Fact]
    public async Task A_room_ban_refuses_reading_and_uploading_in_that_room_until_unbanned()
    {
        Assert.Equal(200, (await ReadFileAsync(_member)).Status);

        var ban = await _server.SendJsonAsync("POST", $"/user/{_server.Id(_member)}/ban", _mod, """{"rooms": ["test-room"]}""");

        Assert.Equal((200, "{}"), (ban.Status, ban.Text));
        var read = await ReadFileAsync(_member);
        Assert.Equal((403, "This endpoint requires room message 'read' permission"), (read.Status, read.Text));
        Assert.Equal(403, (await UploadAsync(_member)).Status);
        Assert.Equal(201, (await _server.SendAsync("POST", "/room/room2/file", _member, [1])).Status); // other rooms are unaffected

        var unban = await _server.SendJsonAsync("POST", $"/user/{_server.Id(_member)}/unban", _mod, """{"rooms": ["test-room"]}""");

        Assert.Equal((200, "{}"), (unban.Status, unban.Text));
        Assert.Equal(200, (await ReadFileAsync(_member)).Status);
    }

    [Fact]
    public async Task A_room_ban_with_a_timeout_lifts_when_the_sweep_passes_its_end()
    {
        await _server.SendJsonAsync("POST", $"/user/{_server.Id(_member)}/ban", _mod, """{"rooms": ["test-room"], "timeout": 60}""");
        _server.Clock.Advance(TimeSpan.FromSeconds(59));
        await ExpirySweeper.SweepOnceAsync(_server.Services, Token);
        Assert.Equal(403, (await ReadFileAsync(_member)).Status);

        _server.Clock.Advance(TimeSpan.FromSeconds(2));
        var swept = await ExpirySweeper.SweepOnceAsync(_server.Services, Token);

        Assert.Equal(1, swept.Bans);
        Assert.Equal(200, (await ReadFileAsync(_member)).Status);
    }

    [Fact]
    public async Task Banning_again_without_a_timeout_makes_a_timed_ban_permanent()
    {
        await _server.SendJsonAsync("POST", $"/user/{_server.Id(_member)}/ban", _mod, """{"rooms": ["test-room"], "timeout": 60}""");
        await _server.SendJsonAsync("POST", $"/user/{_server.Id(_member)}/ban", _mod, """{"rooms": ["test-room"]}""");
        _server.Clock.Advance(TimeSpan.FromHours(1));

        await ExpirySweeper.SweepOnceAsync(_server.Services, Token);

        Assert.Equal(403, (await ReadFileAsync(_member)).Status);
    }

    [Fact]
    public async Task A_global_ban_refuses_every_request_and_its_timeout_lifts_it()
    {
        var ban = await _server.SendJsonAsync("POST", $"/user/{_server.Id(_member)}/ban", _globalMod, """{"global": true, "timeout": 600}""");
        Assert.Equal(200, ban.Status);

        var refused = await ReadFileAsync(_member);
        Assert.Equal((403, "Banned"), (refused.Status, refused.Text));
        Assert.Equal(403, (await _server.SendAsync("GET", "/inbox", _member)).Status);

        _server.Clock.Advance(TimeSpan.FromSeconds(601)); // within the file's hour
        await ExpirySweeper.SweepOnceAsync(_server.Services, Token);

        Assert.Equal(200, (await ReadFileAsync(_member)).Status);
    }

    [Fact]
    public async Task Only_a_global_moderator_bans_globally()
    {
        var answer = await _server.SendJsonAsync("POST", $"/user/{_server.Id(_member)}/ban", _admin, """{"global": true}""");

        Assert.Equal(403, answer.Status);
        Assert.Equal(200, (await ReadFileAsync(_member)).Status);
    }

    [Fact]
    public async Task Nobody_bans_themselves_a_global_moderator_or_as_a_moderator_another_moderator()
    {
        Assert.Equal(403, (await _server.SendJsonAsync("POST", $"/user/{_server.Id(_mod)}/ban", _mod, """{"rooms": ["test-room"]}""")).Status);
        Assert.Equal(403, (await _server.SendJsonAsync("POST", $"/user/{_server.Id(_globalMod)}/ban", _admin, """{"rooms": ["test-room"]}""")).Status);
        Assert.Equal(403, (await _server.SendJsonAsync("POST", $"/user/{_server.Id(_admin)}/ban", _mod, """{"rooms": ["test-room"]}""")).Status);
        Assert.Equal(403, (await _server.SendJsonAsync("POST", $"/user/{_server.Id(_member)}/ban", _member, """{"rooms": ["test-room"]}""")).Status);
        Assert.True((await _server.RightsAsync(_room, _admin)).Admin);

        // An admin may ban a moderator, which takes their rights in the room.
        Assert.Equal(200, (await _server.SendJsonAsync("POST", $"/user/{_server.Id(_mod)}/ban", _admin, """{"rooms": ["test-room"]}""")).Status);
        var rights = await _server.RightsAsync(_room, _mod);
        Assert.True(rights.Banned);
        Assert.False(rights.Moderator);
    }

    [Theory]
    [InlineData("""{"rooms": ["test-room"], "timeout": "1h"}""", 400)]
    [InlineData("""{}""", 400)]
    [InlineData("""{"rooms": ["room2"]}""", 403)]
    public async Task Bad_ban_requests_get_pysogs_statuses(string body, int status)
    {
        Assert.Equal(status, (await _server.SendJsonAsync("POST", $"/user/{_server.Id(_member)}/ban", _mod, body)).Status);
        Assert.Equal(200, (await ReadFileAsync(_member)).Status);
    }
}
