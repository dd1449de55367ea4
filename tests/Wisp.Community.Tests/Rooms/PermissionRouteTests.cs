using System.Globalization;
using Wisp.Community.Moderation;
using Wisp.Community.Tests.Moderation;
using Wisp.Community.Rooms;
using Wisp.Community.Tests.Support;

namespace Wisp.Community.Tests.Rooms;

/// <summary>
/// A room's per-user rights and their scheduled changes, as pysogs answers them (its <c>test_room_routes.py</c>
/// <c>test_get_room_perms*</c>, <c>test_set_room_perms</c>, <c>test_set_room_perm_futures</c>): moderators only, the
/// listing's shape, defaults restored, and scheduled changes the sweep applies.
/// </summary>
public sealed class PermissionRouteTests : IAsyncLifetime
{
    private TestCommunityServer _server = null!;
    private Room _room = null!;
    private readonly TestUser _user = new();
    private readonly TestUser _mod = new();
    private readonly TestUser _admin = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await TestCommunityServer.StartAsync();
        _room = await _server.AddRoomAsync("test-room");
        await _server.MakeRoomAsync(_room, _mod, admin: false);
        await _server.MakeRoomAsync(_room, _admin, admin: true, visible: false);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        foreach (var user in new[] { _user, _mod, _admin })
            user.Dispose();
    }

    private string UserUrl(string what) => $"/room/test-room/{what}/{_server.Id(_user)}";

    private Task<Answer> SetAsync(string json) => _server.SendJsonAsync("POST", UserUrl("permissions"), _mod, json);

    [Fact]
    public async Task Only_moderators_see_or_change_permissions()
    {
        string[] paths = ["/room/test-room/permissions", "/room/test-room/futurePermissions", UserUrl("permissions"), UserUrl("futurePermissions")];
        foreach (var path in paths)
        {
            var refused = await _server.SendAsync("GET", path, _user);
            Assert.Equal((403, "This endpoint requires moderator room permissions"), (refused.Status, refused.Text));
            Assert.Equal(401, (await _server.SendAsync("GET", path)).Status);
        }
        Assert.Equal(403, (await _server.SendJsonAsync("POST", UserUrl("permissions"), _user, """{"write": true}""")).Status);
        Assert.Equal(403, (await _server.SendJsonAsync("POST", UserUrl("futurePermissions"), _user, """{"write": true, "in": 5}""")).Status);
        Assert.Equal(404, (await _server.SendAsync("GET", "/room/test-room/permissions/notanid", _mod)).Status);
    }

    [Fact]
    public async Task The_listing_names_each_moderator_once_as_moderator_or_admin_and_marks_hidden_ones()
    {
        var answer = await _server.SendAsync("GET", "/room/test-room/permissions", _mod);

        Assert.Equal(200, answer.Status);
        Assert.Equal("""{"moderator":true}""", answer.Json.GetProperty(_server.Id(_mod)).GetRawText());
        Assert.Equal("""{"admin":true,"hidden":true}""", answer.Json.GetProperty(_server.Id(_admin)).GetRawText());
        Assert.Equal("[]", (await _server.SendAsync("GET", "/room/test-room/futurePermissions", _mod)).Text);
        Assert.Equal("{}", (await _server.SendAsync("GET", UserUrl("permissions"), _mod)).Text);
    }

    [Fact]
    public async Task Setting_rights_answers_what_is_set_and_defaults_hand_rights_back_to_the_room()
    {
        var first = await SetAsync("""{"read": true, "write": false}""");
        var second = await SetAsync("""{"default_read": true}""");
        var third = await SetAsync("""{"default_read": true, "write": false, "upload": false, "accessible": true}""");

        Assert.Equal((200, """{"read":true,"write":false}"""), (first.Status, first.Text));
        Assert.Equal("""{"write":false}""", second.Text);
        Assert.Equal("""{"accessible":true,"write":false,"upload":false}""", third.Text);
        Assert.Equal(third.Text, (await _server.SendAsync("GET", UserUrl("permissions"), _mod)).Text);
        Assert.False((await _server.RightsAsync(_room, _user)).CanWrite);

        var cleared = await SetAsync("""{"default_read": true, "default_write": true, "default_upload": true, "default_accessible": true}""");

        Assert.Equal("{}", cleared.Text);
        Assert.True((await _server.RightsAsync(_room, _user)).CanWrite);
        Assert.False((await _server.SendAsync("GET", "/room/test-room/permissions", _mod)).Json.TryGetProperty(_server.Id(_user), out _));
    }

    [Fact]
    public async Task A_right_with_its_default_or_nothing_to_set_is_400()
    {
        foreach (var body in new[] { """{"read": true, "default_read": true}""", "{}", """{"default_write": false}""", "[1]" })
            Assert.Equal(400, (await SetAsync(body)).Status);
    }

    [Fact]
    public async Task A_scheduled_change_is_listed_and_applied_by_the_sweep_when_due()
    {
        await SetAsync("""{"read": true, "write": false, "upload": false, "accessible": true}""");
        var at = _server.Services.Now() + 30;

        var scheduled = await _server.SendJsonAsync("POST", UserUrl("futurePermissions"), _mod, """{"write": true, "upload": true, "in": 30}""");

        var at_ = at.ToString("R", CultureInfo.InvariantCulture);
        Assert.Equal((200, $$"""[{"at":{{at_}},"write":true,"upload":true}]"""), (scheduled.Status, scheduled.Text));
        var listed = await _server.SendAsync("GET", "/room/test-room/futurePermissions", _mod);
        Assert.Equal($$"""[{"at":{{at_}},"session_id":"{{_server.Id(_user)}}","write":true,"upload":true}]""", listed.Text);

        _server.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(0, (await ExpirySweeper.SweepOnceAsync(_server.Services, Token)).Permissions);
        _server.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, (await ExpirySweeper.SweepOnceAsync(_server.Services, Token)).Permissions);

        // Write and upload equal the room's defaults, so they return to the defaults rather than being pinned.
        Assert.Equal("""{"read":true,"accessible":true}""", (await _server.SendAsync("GET", UserUrl("permissions"), _mod)).Text);
        Assert.Equal("[]", (await _server.SendAsync("GET", UserUrl("futurePermissions"), _mod)).Text);
        Assert.True((await _server.RightsAsync(_room, _user)).CanUpload);
    }

    [Fact]
    public async Task Setting_a_right_unschedules_its_changes_unless_told_not_to()
    {
        await _server.SendJsonAsync("POST", UserUrl("futurePermissions"), _mod, """{"write": true, "read": false, "in": 60}""");
        await SetAsync("""{"read": false, "unschedule": false}""");
        Assert.Contains("\"read\":false", (await _server.SendAsync("GET", UserUrl("futurePermissions"), _mod)).Text);

        await SetAsync("""{"write": false}""");
        var left = (await _server.SendAsync("GET", UserUrl("futurePermissions"), _mod)).Json;
        Assert.Equal(1, left.GetArrayLength());
        Assert.False(left[0].TryGetProperty("write", out _));

        await SetAsync("""{"read": true}""");
        Assert.Equal("[]", (await _server.SendAsync("GET", UserUrl("futurePermissions"), _mod)).Text);
    }

    [Fact]
    public async Task A_schedule_needs_a_right_and_a_positive_duration_below_a_billion_seconds()
    {
        string[] bodies = ["""{"in": 30}""", """{"write": true}""", """{"write": true, "in": "30"}""", """{"write": true, "in": 0}""",
            """{"write": true, "in": 1000000000}""", """{"write": true, "in": true}""", """{"write": null, "in": 5}"""];
        foreach (var body in bodies)
            Assert.Equal(400, (await _server.SendJsonAsync("POST", UserUrl("futurePermissions"), _mod, body)).Status);
        Assert.Equal("[]", (await _server.SendAsync("GET", "/room/test-room/futurePermissions", _mod)).Text);
    }

    [Fact]
    public async Task A_timed_ban_appears_among_the_room_s_scheduled_changes()
    {
        await _server.SendJsonAsync("POST", $"/user/{_server.Id(_user)}/ban", _mod, """{"rooms": ["test-room"], "timeout": 60}""");

        var listed = (await _server.SendAsync("GET", UserUrl("futurePermissions"), _mod)).Json;

        Assert.Equal(1, listed.GetArrayLength());
        Assert.False(listed[0].GetProperty("banned").GetBoolean());
        Assert.Equal("""{"banned":true}""", (await _server.SendAsync("GET", UserUrl("permissions"), _mod)).Text);
    }
}
