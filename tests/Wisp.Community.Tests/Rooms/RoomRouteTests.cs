using Wisp.Community.Tests.Support;

namespace Wisp.Community.Tests.Rooms;

/// <summary><c>/rooms</c>, <c>/room/{token}</c> and pollInfo, as pysogs's tests/test_room_routes.py expects them.</summary>
public sealed class RoomRouteTests
{
    [Fact]
    public async Task Room_details_have_pysogs_fields_and_rights_for_the_asking_user()
    {
        await using var server = await TestCommunityServer.StartAsync();
        var room = await server.AddRoomAsync("lobby", "Lobby", "Say hi");
        using var user = new TestUser();

        var answer = await server.SendAsync("GET", "/room/lobby", user);

        Assert.Equal(200, answer.Status);
        var json = answer.Json;
        Assert.Equal(
            ["token", "name", "info_updates", "message_sequence", "created", "active_users", "active_users_cutoff", "moderators", "admins", "read", "write", "upload", "description"],
            json.EnumerateObject().Select(property => property.Name));
        Assert.Equal("lobby", json.GetProperty("token").GetString());
        Assert.Equal("Say hi", json.GetProperty("description").GetString());
        Assert.Equal(604800, json.GetProperty("active_users_cutoff").GetInt64());
        Assert.Equal(room.Created, json.GetProperty("created").GetDouble(), 3);
        Assert.True(json.GetProperty("read").GetBoolean() && json.GetProperty("write").GetBoolean() && json.GetProperty("upload").GetBoolean());
    }

    [Fact]
    public async Task An_admin_sees_the_moderator_fields_and_is_listed_as_admin()
    {
        await using var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync("lobby");
        using var admin = new TestUser();
        await Steps.SetGlobalAsync(server, admin, "admin");

        var json = (await server.SendAsync("GET", "/room/lobby", admin)).Json;

        Assert.True(json.GetProperty("moderator").GetBoolean());
        Assert.True(json.GetProperty("admin").GetBoolean());
        Assert.True(json.GetProperty("global_moderator").GetBoolean());
        Assert.True(json.GetProperty("global_admin").GetBoolean());
        Assert.True(json.GetProperty("default_read").GetBoolean());
        // A global admin who is not a visible moderator is hidden, and hidden admins are shown to moderators.
        Assert.Equal([admin.SessionId(server.Server.PublicKey)], json.GetProperty("hidden_admins").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(json.GetProperty("admins").EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_room_is_404_and_a_banned_user_sees_404_and_no_room_in_the_list()
    {
        await using var server = await TestCommunityServer.StartAsync();
        var room = await server.AddRoomAsync("lobby");
        await server.AddRoomAsync("other");
        using var user = new TestUser();
        var id = user.SessionId(server.Server.PublicKey);
        var row = await server.Services.Users.GetOrCreateAsync(id, TestContext.Current.CancellationToken);
        await Steps.ExecuteAsync(server, "INSERT INTO user_permission_overrides (room, \"user\", banned) VALUES ($r, $u, 1)", ("$r", room.Id), ("$u", row.Id));

        Assert.Equal(404, (await server.SendAsync("GET", "/room/nope")).Status);
        Assert.Equal(404, (await server.SendAsync("GET", "/room/lobby", user)).Status);
        var list = (await server.SendAsync("GET", "/rooms", user)).Json;
        Assert.Equal(["other"], list.EnumerateArray().Select(e => e.GetProperty("token").GetString()));
        Assert.Equal(["lobby", "other"], (await server.SendAsync("GET", "/rooms")).Json.EnumerateArray().Select(e => e.GetProperty("token").GetString()));
    }

    [Fact]
    public async Task PollInfo_carries_details_only_when_info_updates_moved_and_counts_active_users()
    {
        await using var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync("lobby");
        using var user = new TestUser();

        var first = (await server.SendAsync("GET", "/room/lobby/pollInfo/5", user)).Json;
        var same = (await server.SendAsync("GET", "/room/lobby/pollInfo/0", user)).Json;

        Assert.Equal(["token", "active_users", "read", "write", "upload", "details"], first.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, first.GetProperty("details").GetProperty("info_updates").GetInt64());
        Assert.Equal(["token", "active_users", "read", "write", "upload"], same.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, same.GetProperty("active_users").GetInt64());
    }

    [Fact]
    public async Task PollInfo_needs_read_permission()
    {
        await using var server = await TestCommunityServer.StartAsync();
        var room = await server.AddRoomAsync("lobby");
        await Steps.ExecuteAsync(server, "UPDATE rooms SET read = 0 WHERE id = $r", ("$r", room.Id));

        var answer = await server.SendAsync("GET", "/room/lobby/pollInfo/0");

        Assert.Equal((403, "This endpoint requires room message 'read' permission"), (answer.Status, answer.Text));
    }

    [Fact]
    public async Task A_known_path_with_another_method_is_405_and_an_unknown_path_404()
    {
        await using var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync("lobby");

        Assert.Equal(405, (await server.SendAsync("DELETE", "/room/lobby")).Status);
        var missing = await server.SendAsync("GET", "/nothing/here");
        Assert.Equal(404, missing.Status);
        Assert.Contains("<title>404 Not Found</title>", missing.Text);
    }
}
