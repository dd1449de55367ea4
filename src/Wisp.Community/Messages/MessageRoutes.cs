using Wisp.Community.Api;

namespace Wisp.Community.Messages;

/// <summary>The routes of reading, posting, editing and deleting messages.</summary>
internal sealed class MessageRoutes : IRouteGroup
{
    public void Map(RouteTable routes)
    {
    }
}
