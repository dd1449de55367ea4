using Wisp.Community.Api;

namespace Wisp.Community.Messages;

/// <summary>The routes of reactions and reactors.</summary>
internal sealed class ReactionRoutes : IRouteGroup
{
    public void Map(RouteTable routes)
    {
    }
}
