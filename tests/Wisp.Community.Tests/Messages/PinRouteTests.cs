using Wisp.Community.Tests.Support;

namespace Wisp.Community.Tests.Messages;

/// <summary>Pins: admins only, info_updates moves, pinned messages in the room's details.</summary>
public sealed class PinRouteTests
{
    private const string Room = "lobby";

    [Fact]
    public async Task An_admin_pins_and_unpins_and_each_change_moves_info_updates()
    {
        await using var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync(Room);
        using var admin = new TestUser();
        await Steps.SetGlobalAsync(server, admin, "admin");
        var infoBefore = (await server.SendAsync("GET", $"/room/{Room}")).Json.GetProperty("info_updates").GetInt64();
        var first = (await Steps.PostAsync(server, admin, Room, "rules")).GetProperty("id").GetInt64();
        var second = (await Steps.PostAsync(server, admin, Room, "faq")).GetProperty("id").GetInt64();

        var pin = await server.SendAsync("POST", $"/room/{Room}/pin/{first}", admin);
        await server.SendAsync("POST", $"/room/{Room}/pin/{second}", admin);
        var details = (await server.SendAsync("GET", $"/room/{Room}")).Json;
        var unpin = await server.SendAsync("POST", $"/room/{Room}/unpin/{first}", admin);
        var unpinAgain = await server.SendAsync("POST", $"/room/{Room}/unpin/{first}", admin);
        var unpinAll = await server.SendAsync("POST", $"/room/{Room}/unpin/all", admin);

        Assert.Equal($$"""{"info_updates":{{infoBefore + 1}}}""", pin.Text);
        var pinned = details.GetProperty("pinned_messages").EnumerateArray().ToList();
        Assert.Equal([first, second], pinned.Select(p => p.GetProperty("id").GetInt64()));
        Assert.Equal(admin.SessionId(server.Server.PublicKey), pinned[0].GetProperty("pinned_by").GetString());
        Assert.Equal($$"""{"unpinned":true,"info_updates":{{infoBefore + 3}}}""", unpin.Text);
        Assert.Equal($$"""{"unpinned":false,"info_updates":{{infoBefore + 3}}}""", unpinAgain.Text);
        Assert.Equal($$"""{"unpinned":1,"info_updates":{{infoBefore + 4}}}""", unpinAll.Text);
        Assert.False((await server.SendAsync("GET", $"/room/{Room}")).Json.TryGetProperty("pinned_messages", out _));
    }

    [Fact]
    public async Task Anyone_but_an_admin_gets_403_and_pinning_a_missing_message_404()
    {
        await using var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync(Room);
        using var user = new TestUser();
        using var admin = new TestUser();
        await Steps.SetGlobalAsync(server, admin, "admin");
        var id = (await Steps.PostAsync(server, user, Room, "hi")).GetProperty("id").GetInt64();

        var anonymous = await server.SendAsync("POST", $"/room/{Room}/pin/{id}");
        var member = await server.SendAsync("POST", $"/room/{Room}/pin/{id}", user);
        var missing = await server.SendAsync("POST", $"/room/{Room}/pin/404", admin);

        Assert.Equal((403, "Permission denied"), (anonymous.Status, anonymous.Text));
        Assert.Equal((403, "Permission denied"), (member.Status, member.Text));
        Assert.Equal((404, "No such post: 404"), (missing.Status, missing.Text));
    }
}
