using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Wisp.Node.Storage;
using Wisp.Testing;

namespace Wisp.Node.Tests.Storage;

public sealed class ExpirySweeperTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sweep_deletes_what_has_expired_by_the_clocks_now()
    {
        await using var fixture = new StoreFixture();
        var clock = new ManualTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_000_000));
        var owner = Messages.RandomAccount();
        var early = StoreFixture.Message(owner, expiryMs: 1_000_500);
        var late = StoreFixture.Message(owner, expiryMs: 1_002_000);
        await fixture.Store.StoreAsync(early, false, Token);
        await fixture.Store.StoreAsync(late, false, Token);
        var sweeper = new ExpirySweeper(fixture.Store, clock, TimeSpan.FromMinutes(1), NullLogger<ExpirySweeper>.Instance);

        var beforeAny = await sweeper.SweepOnceAsync(Token);
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterOne = await sweeper.SweepOnceAsync(Token);

        Assert.Equal(0, beforeAny);
        Assert.Equal(1, afterOne);
        Assert.Equal([late.Hash], (await fixture.Store.GetExpiriesAsync(owner, [early.Hash, late.Hash], Token)).Keys);
    }

    [Fact]
    public async Task A_running_node_sweeps_on_its_interval()
    {
        await using var node = await TestNode.StartAsync(options => options with { ExpirySweepInterval = TimeSpan.FromMilliseconds(50) });
        var counters = node.Host.Services.GetRequiredService<SqliteMessageStore>().Counters;
        var owner = Messages.RandomAccount();
        var now = Messages.NowMs();
        // Already expired when stored (the store itself does not judge expiries; the RPC does).
        await node.Store.StoreAsync(StoreFixture.Message(owner, timestampMs: now - 2_000, expiryMs: now - 1_000), false, Token);

        await Eventually.TrueAsync(() => Task.FromResult(counters.ExpiredTotal == 1), "the sweeper to delete the expired message");

        Assert.Equal(0, counters.Messages);
    }
}
