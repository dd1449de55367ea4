using Wisp.Community.Auth;
using Wisp.Community.Moderation;
using Wisp.Community.Rooms;
using Wisp.Community.Tests.Support;

namespace Wisp.Community.Tests.Moderation;

/// <summary>Appointing moderators and admins directly in the database, as the operator's admin command does, to set a test up.</summary>
internal static class Staff
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static string Id(this TestCommunityServer server, TestUser user) => user.SessionId(server.Server.PublicKey);

    public static Task<CommunityUser> RowAsync(this TestCommunityServer server, TestUser user) =>
        server.Services.Users.GetOrCreateAsync(server.Id(user), Token);

    public static async Task MakeGlobalAsync(this TestCommunityServer server, TestUser user, bool admin, bool visible = false)
    {
        var row = await server.RowAsync(user);
        await server.Services.Database.WriteAsync(async (_, transaction) =>
        {
            await ModeratorWrites.SetGlobalAsync(transaction, row.Id, admin, visible, Token);
            return true;
        }, Token);
    }

    public static async Task MakeRoomAsync(this TestCommunityServer server, Room room, TestUser user, bool admin, bool visible = true)
    {
        var row = await server.RowAsync(user);
        await server.Services.Database.WriteAsync(async (_, transaction) =>
        {
            await ModeratorWrites.SetRoomAsync(transaction, room.Id, row.Id, admin, visible, Token);
            return true;
        }, Token);
    }

    public static async Task<RoomPermissions> RightsAsync(this TestCommunityServer server, Room room, TestUser user) =>
        await server.Services.Permissions.ForAsync(room, await server.RowAsync(user), Token);

    public static async Task<long> InfoUpdatesAsync(this TestCommunityServer server, string token) =>
        (await server.Services.Rooms.FindAsync(token, Token))!.InfoUpdates;
}
