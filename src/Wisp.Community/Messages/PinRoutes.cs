using Wisp.Community.Api;

namespace Wisp.Community.Messages;

/// <summary>The routes of pins.</summary>
internal sealed class PinRoutes : IRouteGroup
{
    public void Map(RouteTable routes)
    {
    }
}
