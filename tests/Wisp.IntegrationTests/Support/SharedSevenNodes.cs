namespace Wisp.IntegrationTests.Support;

/// <summary>
/// One 7-node network (<see cref="SevenNodeNetwork"/>) shared by the classes whose tests use only accounts of their own
/// (new keys in a Wisp home of their own) and never stop, add or remove a node or the push server: no test can see
/// another's state, and <c>wisp up</c> starts once for all of them instead of once per class.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SharedSevenNodes : ICollectionFixture<SevenNodeNetwork>
{
    public const string Name = "Seven nodes shared by account-only tests";
}
