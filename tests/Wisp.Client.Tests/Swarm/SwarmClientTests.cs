using Wisp.Client.Paths;
using Wisp.Client.Swarm;
using Wisp.Client.Tests.Paths;
using Wisp.Client.Tests.Support;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Tests.Swarm;

/// <summary>What the swarm client refuses before sending, and the typed failures it reports when no request can be sent.</summary>
public sealed class SwarmClientTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly Ed25519KeyPair _account = TestNodes.Keys(300);
    private readonly OnionTransport _transport = new(TimeProvider.System);

    public void Dispose()
    {
        _account.Dispose();
        _transport.Dispose();
    }

    private SwarmClient Client(int nodes)
    {
        var pool = NodePool.FromNodes(TestNodes.Nodes(nodes));
        var random = new Random(1);
        var paths = new OnionPaths(pool, new GuardSelector(pool, new FakeProbe(), random, null), random);
        return new SwarmClient(pool, paths, _transport, new NetworkClock(TimeProvider.System), random, TimeProvider.System);
    }

    [Fact]
    public async Task AMessageOverTheSizeLimitIsRefusedBeforeSending()
    {
        using var client = Client(8);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.StoreAsync(_account.AccountId, 0, new byte[StorageLimits.MaxMessageBytes + 1], TimeSpan.FromHours(1), null, None));
        Assert.Equal("data", error.ParamName);
    }

    [Fact]
    public async Task AStoreToAnOwnerOnlyNamespaceNeedsASigner()
    {
        using var client = Client(8);

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            client.StoreAsync(_account.AccountId, Namespaces.UserProfile, "x"u8.ToArray(), TimeSpan.FromHours(1), signer: null, None));
        Assert.Equal("signer", error.ParamName);
    }

    [Theory]
    [InlineData(0, 5)]            // under 10 s
    [InlineData(0, 15 * 86_400)]  // over 14 days in a public inbox
    public async Task ALifetimeTheNamespaceDoesNotAllowIsRefused(int ns, int seconds)
    {
        using var client = Client(8);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            client.StoreAsync(_account.AccountId, ns, "x"u8.ToArray(), TimeSpan.FromSeconds(seconds), null, None));
    }

    [Fact]
    public async Task ADeleteOfSomethingThatIsNotAHashIsRefused()
    {
        using var client = Client(8);

        await Assert.ThrowsAsync<ArgumentException>(() => client.DeleteAsync(_account, ["not a hash"], None));
    }

    [Fact]
    public async Task WithoutAKnownSwarmTheResultSaysSo()
    {
        using var client = Client(8); // a fixed pool knows no swarms, and nothing was learned

        var result = await client.StoreAsync(_account.AccountId, 0, "x"u8.ToArray(), TimeSpan.FromHours(1), null, None);

        Assert.False(result.Ok);
        Assert.Equal(SwarmFailure.NoSwarm, result.Error!.Failure);
        Assert.Equal(0, result.Info.Attempts);
    }

    [Fact]
    public async Task APoolTooSmallForAPathGivesNoPath()
    {
        using var client = Client(3);

        var result = await client.GetSwarmAsync(StoragePubkey.FromBytes(_account.AccountId.Bytes), None);

        Assert.Equal(SwarmFailure.NoPath, result.Error!.Failure);
        Assert.Contains("onion path", result.Error.Message);
    }
}
