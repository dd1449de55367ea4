using System.Text.RegularExpressions;
using Wisp.Community.Rooms;

namespace Wisp.Community.Api;

/// <summary>
/// The routes, matched in the order added. A pattern is literal segments and placeholders, as Flask's converters:
/// <c>{room}</c> a room token (<c>[\w-]{1,64}</c>, case-insensitive, must exist: an unknown room is no match, so 404),
/// <c>{int}</c> a non-negative decimal, <c>{word}</c> any one segment, <c>{path}</c> the rest of the path (last only).
/// A path some route matches with another method gets 405; no match at all 404.
/// </summary>
internal sealed partial class RouteTable
{
    private readonly List<Route> _routes = [];

    /// <summary>Adds <paramref name="method"/> <paramref name="pattern"/> answered by <paramref name="handler"/>.</summary>
    public void Add(string method, string pattern, RouteHandler handler) =>
        _routes.Add(new Route(method, pattern.Split('/', StringSplitOptions.RemoveEmptyEntries), handler));

    public void Get(string pattern, RouteHandler handler) => Add("GET", pattern, handler);
    public void Post(string pattern, RouteHandler handler) => Add("POST", pattern, handler);
    public void Put(string pattern, RouteHandler handler) => Add("PUT", pattern, handler);
    public void Delete(string pattern, RouteHandler handler) => Add("DELETE", pattern, handler);

    /// <summary>The matching route and its context, or the status to answer (404 or 405).</summary>
    public async Task<(RouteHandler? Handler, RouteContext? Context, int Status)> MatchAsync(
        CommunityRequest request, CommunityServices services, CancellationToken cancellationToken)
    {
        var segments = request.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var pathMatched = false;
        foreach (var route in _routes)
        {
            if (!Shape(route.Segments, segments))
                continue;
            Room? room = null;
            var ok = true;
            for (var i = 0; i < route.Segments.Length && ok; i++)
            {
                if (route.Segments[i] != "{room}")
                    continue;
                room = await services.Rooms.FindAsync(segments[i], cancellationToken);
                ok = room is not null;
            }
            if (!ok)
                continue;
            if (!string.Equals(route.Method, request.Method, StringComparison.Ordinal))
            {
                pathMatched = true;
                continue;
            }
            var numbers = new List<long>();
            var words = new List<string>();
            string? rest = null;
            for (var i = 0; i < route.Segments.Length; i++)
            {
                switch (route.Segments[i])
                {
                    case "{int}": numbers.Add(long.Parse(segments[i], System.Globalization.CultureInfo.InvariantCulture)); break;
                    case "{word}": words.Add(segments[i]); break;
                    case "{path}": rest = string.Join('/', segments[i..]); break;
                }
            }
            return (route.Handler, new RouteContext(request, services, room, numbers, rest) { Words = words }, 200);
        }
        return (null, null, pathMatched ? 405 : 404);
    }

    private static bool Shape(string[] pattern, string[] segments)
    {
        var tail = pattern.Length > 0 && pattern[^1] == "{path}";
        if (tail ? segments.Length < pattern.Length : segments.Length != pattern.Length)
            return false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var ok = pattern[i] switch
            {
                "{room}" => RoomToken().IsMatch(segments[i]),
                "{int}" => segments[i].Length is > 0 and <= 18 && segments[i].All(char.IsAsciiDigit),
                "{word}" or "{path}" => segments[i].Length > 0,
                var literal => literal == segments[i],
            };
            if (!ok)
                return false;
        }
        return true;
    }

    [GeneratedRegex(@"^[\w-]{1,64}$")]
    private static partial Regex RoomToken();

    private sealed record Route(string Method, string[] Segments, RouteHandler Handler);
}
