namespace Wisp.Community.Api;

/// <summary>
/// A folder's routes. Each group adds its routes to the table once at start (<see cref="RouteGroups.All"/> lists
/// the groups); a route is a method, a pattern and a handler.
/// </summary>
internal interface IRouteGroup
{
    /// <summary>Adds this group's routes.</summary>
    void Map(RouteTable routes);
}

/// <summary>Answers one matched request.</summary>
internal delegate Task<CommunityResponse> RouteHandler(RouteContext context, CancellationToken cancellationToken);
