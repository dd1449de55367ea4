using Wisp.Community.Api;

namespace Wisp.Community.Rooms;

/// <summary>The routes of /rooms, /room/{token} and pollInfo.</summary>
internal sealed class RoomRoutes : IRouteGroup
{
    public void Map(RouteTable routes)
    {
    }
}
