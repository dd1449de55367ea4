using System.Text;
using Wisp.Community.Moderation;
using Wisp.Community.Tests.Moderation;
using Wisp.Community.Tests.Support;

namespace Wisp.Community.Tests.Rooms;

/// <summary>
/// <c>PUT /room/{token}</c> as pysogs answers it (its <c>test_room_routes.py</c> <c>test_updates</c> and the image part
/// of <c>test_polling</c>): admins only, one <c>info_updates</c> per changed name, description or image, control
/// characters stripped, 400 for bad values and 406 for an image that is not a file of the room.
/// </summary>
public sealed class RoomUpdateRouteTests : IAsyncLifetime
{
    private const string Url = "/room/test-room";
    private TestCommunityServer _server = null!;
    private readonly TestUser _user = new();
    private readonly TestUser _mod = new();
    private readonly TestUser _admin = new();
    private readonly TestUser _globalMod = new();
    private readonly TestUser _globalAdmin = new();

    public async ValueTask InitializeAsync()
    {
        _server = await TestCommunityServer.StartAsync();
        var room = await _server.AddRoomAsync("test-room", description: "Test suite testing room");
        await _server.AddRoomAsync("room2");
        await _server.MakeRoomAsync(room, _mod, admin: false);
        await _server.MakeRoomAsync(room, _admin, admin: true);
        await _server.MakeGlobalAsync(_globalMod, admin: false);
        await _server.MakeGlobalAsync(_globalAdmin, admin: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        foreach (var user in new[] { _user, _mod, _admin, _globalMod, _globalAdmin })
            user.Dispose();
    }

    private Task<Answer> PutAsync(TestUser user, string json) => _server.SendJsonAsync("PUT", Url, user, json);

    [Fact]
    public async Task Only_admins_update_a_room_and_each_changed_text_raises_info_updates_once()
    {
        var before = await _server.InfoUpdatesAsync("test-room");
        foreach (var caller in new[] { _user, _mod, _globalMod })
        {
            var refused = await PutAsync(caller, """{"name": "OMG ROOM!"}""");
            Assert.Equal((403, "This endpoint requires admin room permissions"), (refused.Status, refused.Text));
        }
        Assert.Equal(401, (await _server.SendJsonAsync("PUT", Url, null, """{"name": "x"}""")).Status);

        var renamed = await PutAsync(_admin, """{"name": "OMG ROOM!"}""");
        var both = await PutAsync(_globalAdmin, """{"name": "rrr", "description": "Tharr be pirrrates!"}""");
        var same = await PutAsync(_admin, """{"name": "rrr"}""");

        Assert.Equal((200, $"{{\"info_updates\":{before + 1}}}"), (renamed.Status, renamed.Text));
        Assert.Equal($"{{\"info_updates\":{before + 3}}}", both.Text);
        Assert.Equal($"{{\"info_updates\":{before + 3}}}", same.Text); // unchanged: no rise
        var room = (await _server.SendAsync("GET", Url, _user)).Json;
        Assert.Equal(("rrr", "Tharr be pirrrates!"), (room.GetProperty("name").GetString(), room.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task Default_rights_change_what_members_may_do_without_raising_info_updates()
    {
        var before = await _server.InfoUpdatesAsync("test-room");

        var answer = await PutAsync(_admin, """{"default_write": false, "default_upload": 1}""");

        Assert.Equal((200, $"{{\"info_updates\":{before}}}"), (answer.Status, answer.Text));
        var room = (await _server.SendAsync("GET", Url, _user)).Json;
        Assert.True(room.GetProperty("read").GetBoolean());
        Assert.False(room.GetProperty("write").GetBoolean());
        Assert.False(room.GetProperty("upload").GetBoolean()); // upload needs write too
        Assert.False((await _server.SendAsync("GET", Url, _mod)).Json.GetProperty("default_write").GetBoolean());
    }

    [Fact]
    public async Task Names_lose_control_characters_descriptions_keep_tab_and_newline_and_an_empty_description_goes()
    {
        var controls = string.Concat(Enumerable.Range(0, 33).Select(c => $"\\u{c:x4}"));
        await PutAsync(_admin, $$"""{"name": "a{{controls}}z", "description": "a{{controls}}z"}""");
        var room = (await _server.SendAsync("GET", Url, _user)).Json;
        Assert.Equal(("a z", "a\t\n z"), (room.GetProperty("name").GetString(), room.GetProperty("description").GetString()));

        var before = await _server.InfoUpdatesAsync("test-room");
        Assert.Equal($"{{\"info_updates\":{before + 1}}}", (await PutAsync(_admin, """{"description": ""}""")).Text);

        Assert.False((await _server.SendAsync("GET", Url, _user)).Json.TryGetProperty("description", out _));
    }

    [Fact]
    public async Task Bad_values_and_an_empty_update_are_400_and_change_nothing()
    {
        var before = await _server.InfoUpdatesAsync("test-room");
        string[] bodies = ["{}", """{"name": 42}""", """{"name": null}""", """{"description": 42}""", """{"default_read": "foo"}""",
            """{"default_write": 1.5}""", """{"default_upload": null}""", """{"image": "1"}""", """{"name": "new", "default_read": "foo"}""", "[]"];

        var statuses = new List<int>();
        foreach (var body in bodies)
            statuses.Add((await PutAsync(_admin, body)).Status);

        Assert.All(statuses, status => Assert.Equal(400, status));
        Assert.Equal(before, await _server.InfoUpdatesAsync("test-room"));
        Assert.Equal("Test room", (await _server.SendAsync("GET", Url, _user)).Json.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_image_must_be_a_file_uploaded_to_the_room_and_is_then_kept_for_good()
    {
        var upload = await _server.SendAsync("POST", "/room/test-room/file", _mod, Encoding.UTF8.GetBytes("png"));
        var elsewhere = await _server.SendAsync("POST", "/room/room2/file", _mod, Encoding.UTF8.GetBytes("png"));
        var (id, otherId) = (upload.Json.GetProperty("id").GetInt64(), elsewhere.Json.GetProperty("id").GetInt64());
        var before = await _server.InfoUpdatesAsync("test-room");

        Assert.Equal(406, (await PutAsync(_admin, $$"""{"image": {{otherId}}}""")).Status);
        Assert.Equal(406, (await PutAsync(_admin, """{"image": 999}""")).Status);
        var set = await PutAsync(_admin, $$"""{"image": {{id}}}""");

        Assert.Equal((200, $"{{\"info_updates\":{before + 1}}}"), (set.Status, set.Text));
        Assert.Equal(id, (await _server.SendAsync("GET", Url, _user)).Json.GetProperty("image_id").GetInt64());
        _server.Clock.Advance(TimeSpan.FromDays(30)); // past any upload's life: the room image has none
        await ExpirySweeper.SweepOnceAsync(_server.Services, TestContext.Current.CancellationToken);
        Assert.Equal(200, (await _server.SendAsync("GET", $"/room/test-room/file/{id}", _user)).Status);
    }
}
