using Microsoft.AspNetCore.Http;
using Wisp.Web.Api;

namespace Wisp.Web.Bots;

/// <summary>
/// The <c>{room}</c> of a route: a room id (<c>token@host:port</c>), or a bare token when exactly one joined room has
/// it. Unknown: 404; a token two joined rooms share: 400 naming their ids.
/// </summary>
internal static class BotRoomLookup
{
    public static async Task<(BotRoomJson? Room, IResult? Error)> FindAsync(IBotCommunity community, string text, CancellationToken cancellationToken)
    {
        var rooms = await community.RoomsAsync(cancellationToken);
        if (rooms.FirstOrDefault(r => r.Id.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } exact)
            return (exact, null);
        var byToken = rooms.Where(r => r.Token == text).ToList();
        return byToken.Count switch
        {
            1 => (byToken[0], null),
            0 => (null, ApiResults.NotFound($"this bot is not in a room '{Shorten(text)}': GET {BotHost.BasePath}/rooms lists its rooms (join with `wisp community join URL`).")),
            _ => (null, ApiResults.BadRequest($"several rooms are called '{text}': name one by its id ({string.Join(", ", byToken.Select(r => r.Id))})."))
        };
    }

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
