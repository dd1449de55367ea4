using Wisp.Community.Moderation;
using Wisp.Community.Rooms;
using Wisp.Community.Tests.Support;

namespace Wisp.Community.Tests.Moderation;

/// <summary>
/// <c>POST /user/{id}/moderator</c> as pysogs answers it (its <c>test_user_routes.py</c>): who may appoint whom, the
/// admin/moderator combinations, visibility, and the <c>info_updates</c> of every room a change touches.
/// </summary>
public sealed class ModeratorRouteTests : IAsyncLifetime
{
    private TestCommunityServer _server = null!;
    private Room _room = null!;
    private Room _room2 = null!;
    private readonly TestUser _user = new();
    private readonly TestUser _user2 = new();
    private readonly TestUser _globalAdmin = new();
    private readonly TestUser _roomAdmin = new();
    private readonly TestUser _roomMod = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await TestCommunityServer.StartAsync();
        _room = await _server.AddRoomAsync("test-room");
        _room2 = await _server.AddRoomAsync("room2");
        await _server.MakeGlobalAsync(_globalAdmin, admin: true);
        await _server.MakeRoomAsync(_room, _roomAdmin, admin: true);
        await _server.MakeRoomAsync(_room, _roomMod, admin: false);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        foreach (var user in new[] { _user, _user2, _globalAdmin, _roomAdmin, _roomMod })
            user.Dispose();
    }

    [Fact]
    public async Task Only_a_global_admin_appoints_a_global_moderator_and_every_room_learns_of_it()
    {
        var url = $"/user/{_server.Id(_user2)}/moderator";
        var before = (await _server.InfoUpdatesAsync("test-room"), await _server.InfoUpdatesAsync("room2"));
        foreach (var caller in new[] { _user, _roomMod, _roomAdmin })
            Assert.Equal(403, (await _server.SendJsonAsync("POST", url, caller, """{"global": true, "moderator": true}""")).Status);

        var answer = await _server.SendJsonAsync("POST", url, _globalAdmin, """{"global": true, "moderator": true}""");

        Assert.Equal(200, answer.Status);
        Assert.Equal("{\"info_updates\":{\"room2\":" + (before.Item2 + 1) + ",\"test-room\":" + (before.Item1 + 1) + "}}", answer.Text);
        var rights = await _server.RightsAsync(_room2, _user2);
        Assert.True(rights.Moderator);
        Assert.False(rights.Admin);
        // A global moderator is hidden unless made visible.
        var lists = await ModeratorLists.ReadAsync(_server.Services.Database, _room2.Id, viewerIsModerator: false, Token);
        Assert.DoesNotContain(_server.Id(_user2), lists.Moderators);
    }

    [Fact]
    public async Task Removing_moderator_rights_also_removes_admin_rights()
    {
        var url = $"/user/{_server.Id(_user)}/moderator";
        Assert.Equal(200, (await _server.SendJsonAsync("POST", url, _globalAdmin, """{"global": true, "admin": true}""")).Status);
        Assert.True((await _server.RightsAsync(_room, _user)).Admin);

        Assert.Equal(200, (await _server.SendJsonAsync("POST", url, _globalAdmin, """{"global": true, "moderator": false}""")).Status);

        var rights = await _server.RightsAsync(_room, _user);
        Assert.False(rights.Moderator || rights.Admin);
    }

    [Fact]
    public async Task Admin_false_with_moderator_true_demotes_an_admin_to_moderator()
    {
        var url = $"/user/{_server.Id(_user)}/moderator";
        await _server.SendJsonAsync("POST", url, _roomAdmin, """{"rooms": ["test-room"], "admin": true}""");

        var answer = await _server.SendJsonAsync("POST", url, _roomAdmin, """{"rooms": ["test-room"], "admin": false, "moderator": true}""");

        Assert.Equal(200, answer.Status);
        Assert.Equal(["test-room"], answer.Json.GetProperty("info_updates").EnumerateObject().Select(p => p.Name));
        var rights = await _server.RightsAsync(_room, _user);
        Assert.True(rights.Moderator);
        Assert.False(rights.Admin);
        Assert.False((await _server.RightsAsync(_room2, _user)).Moderator);
    }

    [Fact]
    public async Task A_room_admin_appoints_visible_and_hidden_moderators_that_only_moderators_see_hidden()
    {
        Assert.Equal(200, (await _server.SendJsonAsync("POST", $"/user/{_server.Id(_user)}/moderator", _roomAdmin, """{"rooms": ["test-room"], "moderator": true}""")).Status);
        Assert.Equal(200, (await _server.SendJsonAsync("POST", $"/user/{_server.Id(_user2)}/moderator", _roomAdmin, """{"rooms": ["*"], "admin": true, "visible": false}""")).Status);

        var publicView = await ModeratorLists.ReadAsync(_server.Services.Database, _room.Id, viewerIsModerator: false, Token);
        var modView = await ModeratorLists.ReadAsync(_server.Services.Database, _room.Id, viewerIsModerator: true, Token);

        Assert.Equal(string.Join(",", new[] { _server.Id(_user), _server.Id(_roomMod) }.Order(StringComparer.Ordinal)), string.Join(",", publicView.Moderators));
        Assert.Equal([_server.Id(_roomAdmin)], publicView.Admins);
        Assert.Empty(publicView.HiddenAdmins);
        // Moderators also see the hidden ones: the room's hidden admin and the (hidden by default) global admin.
        Assert.Equal(new[] { _server.Id(_user2), _server.Id(_globalAdmin) }.Order(StringComparer.Ordinal), modView.HiddenAdmins);
    }

    [Theory]
    [InlineData("""{"moderator": true}""", 400)]                                        // neither rooms nor global
    [InlineData("""{"rooms": ["test-room"], "global": true, "moderator": true}""", 400)]
    [InlineData("""{"rooms": "test-room", "moderator": true}""", 400)]                  // rooms not a list
    [InlineData("""{"rooms": ["*", "test-room"], "moderator": true}""", 400)]
    [InlineData("""{"rooms": ["test-room"]}""", 400)]                                   // neither moderator nor admin
    [InlineData("""{"rooms": ["test-room"], "admin": true, "moderator": false}""", 400)]
    [InlineData("""{"rooms": ["room2"], "moderator": true}""", 403)]                    // not an admin there
    [InlineData("""{"rooms": ["no-such-room"], "moderator": true}""", 403)]             // pysogs: unknown rooms are dropped, then counted
    [InlineData("""{"rooms": [5], "moderator": true}""", 404)]
    [InlineData("""[1, 2]""", 400)]
    public async Task Malformed_or_unauthorised_requests_get_pysogs_statuses(string body, int status)
    {
        var answer = await _server.SendJsonAsync("POST", $"/user/{_server.Id(_user)}/moderator", _roomAdmin, body);

        Assert.Equal(status, answer.Status);
        Assert.False((await _server.RightsAsync(_room, _user)).Moderator);
    }

    [Fact]
    public async Task An_unsigned_request_is_401_and_a_malformed_id_404()
    {
        var unsigned = await _server.SendJsonAsync("POST", $"/user/{_server.Id(_user)}/moderator", null, """{"global": true, "moderator": true}""");
        var malformed = await _server.SendJsonAsync("POST", "/user/15abc/moderator", _globalAdmin, """{"global": true, "moderator": true}""");

        Assert.Equal((401, "X-SOGS-* request authentication required"), (unsigned.Status, unsigned.Text));
        Assert.Equal(404, malformed.Status);
    }
}
