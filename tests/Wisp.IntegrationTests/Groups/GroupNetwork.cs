using Wisp.IntegrationTests.Support;

namespace Wisp.IntegrationTests.Groups;

/// <summary>The network the group tests share: <c>wisp up</c> with 10 node processes.</summary>
public sealed class GroupNetwork : LocalNetworkFixture
{
    protected override int NodeCount => 10;
}
