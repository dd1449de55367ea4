using Wisp.Node.Storage;
using Wisp.Testing;

namespace Wisp.Node.Tests.Storage;

/// <summary>The store's paging by insertion id and bulk store, which replication and migration rely on.</summary>
public sealed class ReplicationReadsTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_follow_insertion_order_filter_by_owner_skip_expired_and_resume_from_the_cursor()
    {
        await using var fixture = new StoreFixture();
        string mine = Messages.RandomAccount(), other = Messages.RandomAccount();
        for (var i = 0; i < 5; i++)
        {
            await fixture.Store.StoreAsync(StoreFixture.Message(mine), false, Token);
            await fixture.Store.StoreAsync(StoreFixture.Message(other), false, Token);
        }
        await fixture.Store.StoreAsync(StoreFixture.Message(mine, expiryMs: 1_500), false, Token);

        var first = await fixture.Store.ReadPageAsync(0, 3, long.MaxValue, o => o == mine, nowMs: 2_000, includeData: false, Token);
        var second = await fixture.Store.ReadPageAsync(first.NextAfterId, 3, long.MaxValue, o => o == mine, nowMs: 2_000, includeData: false, Token);

        Assert.Equal(3, first.Messages.Count);
        Assert.True(first.More);
        Assert.Equal(2, second.Messages.Count);
        Assert.False(second.More);
        var ids = first.Messages.Concat(second.Messages).Select(m => m.Id).ToList();
        Assert.Equal(ids.Order(), ids);
        Assert.All(first.Messages.Concat(second.Messages), m => Assert.Equal(mine, m.Message.Owner));
        Assert.All(first.Messages, m => Assert.Empty(m.Message.Data));
    }

    [Fact]
    public async Task A_page_with_data_stops_at_the_byte_bound_but_holds_at_least_one_message()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        for (var i = 0; i < 3; i++)
            await fixture.Store.StoreAsync(StoreFixture.Message(owner, size: 100), false, Token);

        var page = await fixture.Store.ReadPageAsync(0, 10, maxBytes: 50, _ => true, nowMs: 2_000, includeData: true, Token);

        Assert.Equal(100, Assert.Single(page.Messages).Message.Data.Length);
        Assert.True(page.More);
    }

    [Fact]
    public async Task Bulk_store_keeps_namespace_and_expiry_and_counts_duplicates()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var a = StoreFixture.Message(owner, ns: -11, expiryMs: 7_777);
        var b = StoreFixture.Message(owner, ns: 3, expiryMs: 8_888);

        var first = await fixture.Store.StoreManyAsync([a, b], Token);
        var again = await fixture.Store.StoreManyAsync([a], Token);

        Assert.Equal(new BulkStoreResult(2, 0, 0), first);
        Assert.Equal(new BulkStoreResult(0, 1, 0), again);
        Assert.Equal(7_777, (await fixture.Store.FindAsync(new MessageKey(owner, -11, a.Hash), Token))!.ExpiryMs);
        Assert.Null(await fixture.Store.FindAsync(new MessageKey(owner, 0, b.Hash), Token));
        var held = await fixture.Store.ContainsAsync([new(owner, 3, b.Hash), new(owner, 3, a.Hash)], Token);
        Assert.Equal([true, false], held);
    }

    [Fact]
    public async Task Insertion_ids_are_never_reused_after_the_newest_message_is_deleted()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var first = StoreFixture.Message(owner);
        await fixture.Store.StoreAsync(first, false, Token);
        var last = await fixture.Store.LastIdAsync(Token);
        await fixture.Store.DeleteAsync(owner, [first.Hash], Token);

        await fixture.Store.StoreAsync(StoreFixture.Message(owner), false, Token);

        Assert.True(await fixture.Store.LastIdAsync(Token) > last, "a cursor past the deleted id still sees the new message");
    }
}
