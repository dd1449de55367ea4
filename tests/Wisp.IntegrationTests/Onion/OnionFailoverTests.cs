using Wisp.Crypto.Keys;

namespace Wisp.IntegrationTests.Onion;

/// <summary>A hop that stops between requests: the next request fails on its path, is retried on a new one, and succeeds.</summary>
public sealed class OnionFailoverTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AStoppedHopMakesTheNextRequestMoveToANewPath()
    {
        await using var network = await OnionNetwork.StartAsync(8);
        using var client = network.Client(seed: 21);
        using var account = Ed25519KeyPair.Generate();
        Assert.True((await client.StoreAsync(account.AccountId, 0, "before"u8.ToArray(), TimeSpan.FromMinutes(5), null, Token)).Ok);

        // Stop the middle hop of every path the client has: whichever it takes next goes through a stopped node.
        var stopped = client.Paths.Current.Select(p => p.Nodes[1].Ed25519).Distinct().ToList();
        Assert.NotEmpty(stopped);
        foreach (var key in stopped)
            await network.NodeOf(key).Host.StopAsync(Token);

        var after = await client.StoreAsync(account.AccountId, 0, "after"u8.ToArray(), TimeSpan.FromMinutes(5), null, Token);

        Assert.True(after.Ok, after.Error?.Message);
        Assert.True(after.Info.Attempts >= 2, "the first attempt used a path through a stopped node");
        Assert.DoesNotContain(after.Info.Path!.Nodes, n => stopped.Contains(n.Ed25519));
        Assert.DoesNotContain(after.Info.Destination!.Ed25519, stopped);

        // The path that replaced the failed one keeps working.
        var again = await client.StoreAsync(account.AccountId, 0, "again"u8.ToArray(), TimeSpan.FromMinutes(5), null, Token);
        Assert.True(again.Ok, again.Error?.Message);
    }
}
