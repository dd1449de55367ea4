using Wisp.Client.Account;
using Wisp.Client.Conversations;
using Wisp.Client.Direct;
using Wisp.Client.Tests.Polling;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Direct;

/// <summary>
/// A session that had to go through a blind relay is retried direct in the background: when a retry punches through,
/// a direct session replaces it on both sides, the client records the change, and later messages go direct; when
/// none does, the relayed session stays and works.
/// </summary>
public sealed class RelayUpgradeTests : IAsyncDisposable
{
    private readonly DirectClients _clients = new();

    public RelayUpgradeTests() => _clients.Network.Relayed = true;

    public ValueTask DisposeAsync() => _clients.DisposeAsync();

    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60); // turns a broken upgrade's hang into a failure

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_relayed_session_moves_to_a_direct_path_once_a_retry_punches_through_and_the_client_records_it()
    {
        _clients.Network.DirectOpensFromTry = 2; // the first retry fails, the second punches through
        var (alice, bob) = await BothOnAndStartedAsync();
        var changed = new TaskCompletionSource<(AccountId, MessagePath)>(TaskCreationOptions.RunContinuationsAsynchronously);
        alice.Direct.PathChanged += (peer, path) => changed.TrySetResult((peer, path));

        var relayed = alice.Conversations.Send(bob.AccountId, "through the relay", null, out _)!;
        await alice.OutboxRunner.SendDueAsync(Token);
        Assert.Equal(MessagePath.Relayed, alice.Direct.PathOf(relayed.Id));

        Assert.Equal((bob.AccountId, MessagePath.Direct), await changed.Task.WaitAsync(Generous, Token));
        Assert.Equal(2, Volatile.Read(ref _clients.Network.DirectTries));
        var direct = alice.Conversations.Send(bob.AccountId, "straight", null, out _)!;
        await alice.OutboxRunner.SendDueAsync(Token);
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        Assert.Equal(MessagePath.Direct, alice.Direct.PathOf(direct.Id));
        Assert.Equal(1, alice.Direct.PathUpgrades);
        var view = Assert.Single(alice.Direct.Status()!.Sessions);
        Assert.Equal((MessagePath.Direct, true), (view.Path, view.UpgradedFromRelay));
        var aliceLive = Assert.Single(alice.Direct.Sessions!.All());
        var bobLive = Assert.Single(bob.Direct.Sessions!.All());
        Assert.Same(((InMemoryLink)aliceLive.Link).Other, bobLive.Link); // both moved to the same direct session
        Assert.Equal(["through the relay", "straight"], bob.Conversations.History(alice.AccountId).Select(m => m.Body));
    }

    [Fact]
    public async Task A_session_no_retry_gets_through_stays_relayed_and_keeps_working()
    {
        _clients.Network.DirectOpensFromTry = int.MaxValue; // both NATs random: no punch ever gets through
        var (alice, bob) = await BothOnAndStartedAsync();

        var first = alice.Conversations.Send(bob.AccountId, "one", null, out _)!;
        await alice.OutboxRunner.SendDueAsync(Token);
        await UntilAsync(() => Volatile.Read(ref _clients.Network.DirectTries) >= 3); // every retry was made
        var second = alice.Conversations.Send(bob.AccountId, "two", null, out _)!;
        await alice.OutboxRunner.SendDueAsync(Token);

        Assert.Equal(3, Volatile.Read(ref _clients.Network.DirectTries));
        Assert.Equal([MessagePath.Relayed, MessagePath.Relayed], [alice.Direct.PathOf(first.Id), alice.Direct.PathOf(second.Id)]);
        Assert.Equal(0, alice.Direct.PathUpgrades);
        Assert.Equal(MessagePath.Relayed, Assert.Single(alice.Direct.Sessions!.All()).Link.Path);
        Assert.Equal(["one", "two"], bob.Conversations.History(alice.AccountId).Select(m => m.Body));
    }

    /// <summary>Waits for background work to reach a state (the test's cancellation bounds it; nothing is timed).</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(Generous);
        while (!condition())
            await Task.Delay(10, timeout.Token);
    }

    private async Task<(WispClient Alice, WispClient Bob)> BothOnAndStartedAsync()
    {
        var (alice, bob) = await _clients.AgreedAsync();
        await _clients.StartAsync(alice, bob);
        foreach (var client in new[] { alice, bob })
            client.Direct.Sessions!.UpgradeInterval = TimeSpan.FromMilliseconds(50);
        return (alice, bob);
    }
}
