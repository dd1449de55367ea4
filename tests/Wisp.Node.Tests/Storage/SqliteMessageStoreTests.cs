using Wisp.Node.Storage;
using Wisp.Testing;

namespace Wisp.Node.Tests.Storage;

public sealed class SqliteMessageStoreTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Store_then_retrieve_returns_the_message_with_its_fields()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var message = new StoredMessage(owner, 0, Messages.RandomHash(), [1, 2, 3], 1_000, 5_000);

        var result = await fixture.Store.StoreAsync(message, replaceNamespace: false, Token);
        var retrieved = await fixture.Store.RetrieveAsync(owner, 0, null, 100, 1_000_000, nowMs: 2_000, Token);

        Assert.Equal(new StoreResult(StoreOutcome.Stored, 5_000), result);
        var only = Assert.Single(retrieved.Messages);
        Assert.Equal(message.Hash, only.Hash);
        Assert.Equal(message.Data, only.Data);
        Assert.Equal(1_000, only.TimestampMs);
        Assert.Equal(5_000, only.ExpiryMs);
        Assert.False(retrieved.More);
    }

    [Fact]
    public async Task Storing_a_duplicate_answers_already_and_only_extends_the_expiry()
    {
        await using var fixture = new StoreFixture();
        var message = StoreFixture.Message(Messages.RandomAccount(), expiryMs: 5_000);
        await fixture.Store.StoreAsync(message, false, Token);

        var later = await fixture.Store.StoreAsync(message with { ExpiryMs = 9_000 }, false, Token);
        var earlier = await fixture.Store.StoreAsync(message with { ExpiryMs = 3_000 }, false, Token);

        Assert.Equal(new StoreResult(StoreOutcome.AlreadyStored, 9_000), later);
        Assert.Equal(new StoreResult(StoreOutcome.AlreadyStored, 9_000), earlier);
        Assert.Equal(1, fixture.Store.Counters.Messages);
    }

    [Fact]
    public async Task The_same_hash_may_exist_under_different_owners_and_namespaces()
    {
        await using var fixture = new StoreFixture();
        var message = StoreFixture.Message(Messages.RandomAccount());

        await fixture.Store.StoreAsync(message, false, Token);
        var otherNamespace = await fixture.Store.StoreAsync(message with { Namespace = 5 }, false, Token);
        var otherOwner = await fixture.Store.StoreAsync(message with { Owner = Messages.RandomAccount() }, false, Token);

        Assert.Equal(StoreOutcome.Stored, otherNamespace.Outcome);
        Assert.Equal(StoreOutcome.Stored, otherOwner.Outcome);
    }

    [Fact]
    public async Task Retrieve_follows_insertion_order_and_starts_after_last_hash()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var stored = new List<StoredMessage>();
        for (var i = 0; i < 5; i++)
        {
            // Timestamps descending: order must come from insertion, not from timestamps or hashes.
            var message = StoreFixture.Message(owner, timestampMs: 10_000 - i);
            stored.Add(message);
            await fixture.Store.StoreAsync(message, false, Token);
        }

        var all = await fixture.Store.RetrieveAsync(owner, 0, null, 100, 1_000_000, 0, Token);
        var afterSecond = await fixture.Store.RetrieveAsync(owner, 0, stored[1].Hash, 100, 1_000_000, 0, Token);
        var unknown = await fixture.Store.RetrieveAsync(owner, 0, Messages.RandomHash(), 100, 1_000_000, 0, Token);

        Assert.Equal(stored.Select(m => m.Hash), all.Messages.Select(m => m.Hash));
        Assert.Equal(stored.Skip(2).Select(m => m.Hash), afterSecond.Messages.Select(m => m.Hash));
        Assert.Equal(5, unknown.Messages.Count);
    }

    [Fact]
    public async Task Retrieve_is_bounded_by_count_and_size_and_says_when_more_remain()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        for (var i = 0; i < 5; i++) await fixture.Store.StoreAsync(StoreFixture.Message(owner, size: 100), false, Token);

        var byCount = await fixture.Store.RetrieveAsync(owner, 0, null, 2, 1_000_000, 0, Token);
        // Each message counts as Session counts it: 100 + its 43-character hash + 4/3 of its 100 bytes = 276.
        var bySize = await fixture.Store.RetrieveAsync(owner, 0, null, 100, 2 * 276, 0, Token);
        var atLeastOne = await fixture.Store.RetrieveAsync(owner, 0, null, 100, 1, 0, Token);
        var exact = await fixture.Store.RetrieveAsync(owner, 0, null, 5, 1_000_000, 0, Token);

        Assert.Equal((2, true), (byCount.Messages.Count, byCount.More));
        Assert.Equal((2, true), (bySize.Messages.Count, bySize.More));
        Assert.Equal((1, true), (atLeastOne.Messages.Count, atLeastOne.More));
        Assert.Equal((5, false), (exact.Messages.Count, exact.More));
        var unlimited = await fixture.Store.RetrieveAsync(owner, 0, null, null, 1_000_000, 0, Token);
        Assert.Equal((5, false), (unlimited.Messages.Count, unlimited.More));
    }

    [Fact]
    public async Task Retrieve_hides_expired_messages_and_other_namespaces()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var live = StoreFixture.Message(owner, expiryMs: 10_000);
        await fixture.Store.StoreAsync(live, false, Token);
        await fixture.Store.StoreAsync(StoreFixture.Message(owner, expiryMs: 5_000), false, Token);
        await fixture.Store.StoreAsync(StoreFixture.Message(owner, ns: 3, expiryMs: 10_000), false, Token);

        var retrieved = await fixture.Store.RetrieveAsync(owner, 0, null, 100, 1_000_000, nowMs: 5_000, Token);

        Assert.Equal(live.Hash, Assert.Single(retrieved.Messages).Hash);
    }

    [Fact]
    public async Task Replacing_a_namespace_deletes_the_owners_other_messages_there_only()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        await fixture.Store.StoreAsync(StoreFixture.Message(owner, ns: -1), false, Token);
        var elsewhere = StoreFixture.Message(owner, ns: 0);
        await fixture.Store.StoreAsync(elsewhere, false, Token);
        var replacement = StoreFixture.Message(owner, ns: -1);

        await fixture.Store.StoreAsync(replacement, replaceNamespace: true, Token);

        var outbox = await fixture.Store.RetrieveAsync(owner, -1, null, 100, 1_000_000, 0, Token);
        var inbox = await fixture.Store.RetrieveAsync(owner, 0, null, 100, 1_000_000, 0, Token);
        Assert.Equal(replacement.Hash, Assert.Single(outbox.Messages).Hash);
        Assert.Equal(elsewhere.Hash, Assert.Single(inbox.Messages).Hash);
        Assert.Equal(2, fixture.Store.Counters.Messages);
    }

    [Fact]
    public async Task A_store_past_the_cap_is_refused_as_full_and_stores_nothing()
    {
        await using var fixture = new StoreFixture(storageCapBytes: 1_000);
        var owner = Messages.RandomAccount();

        var first = await fixture.Store.StoreAsync(StoreFixture.Message(owner, size: 600), false, Token);
        var second = await fixture.Store.StoreAsync(StoreFixture.Message(owner, size: 600), false, Token);

        Assert.Equal(StoreOutcome.Stored, first.Outcome);
        Assert.Equal(StoreOutcome.Full, second.Outcome);
        Assert.Equal((1L, 600L, 1L), (fixture.Store.Counters.Messages, fixture.Store.Counters.DataBytes, fixture.Store.Counters.RejectedFullTotal));
    }

    [Fact]
    public async Task A_duplicate_at_the_cap_answers_already_and_extends_the_expiry_rather_than_full()
    {
        await using var fixture = new StoreFixture(storageCapBytes: 1_000);
        var message = StoreFixture.Message(Messages.RandomAccount(), size: 600, expiryMs: 5_000);
        await fixture.Store.StoreAsync(message, false, Token);

        var again = await fixture.Store.StoreAsync(message with { ExpiryMs = 9_000 }, false, Token);

        Assert.Equal(new StoreResult(StoreOutcome.AlreadyStored, 9_000), again);
        Assert.Equal((1L, 600L, 0L), (fixture.Store.Counters.Messages, fixture.Store.Counters.DataBytes, fixture.Store.Counters.RejectedFullTotal));
    }

    [Fact]
    public async Task Deleting_frees_room_under_the_cap()
    {
        await using var fixture = new StoreFixture(storageCapBytes: 1_000);
        var owner = Messages.RandomAccount();
        var first = StoreFixture.Message(owner, size: 600);
        await fixture.Store.StoreAsync(first, false, Token);

        await fixture.Store.DeleteAsync(owner, [first.Hash], Token);
        var again = await fixture.Store.StoreAsync(StoreFixture.Message(owner, size: 600), false, Token);

        Assert.Equal(StoreOutcome.Stored, again.Outcome);
    }

    [Fact]
    public async Task Delete_removes_only_the_owners_named_messages_and_returns_them_sorted()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var messages = Enumerable.Range(0, 4).Select(i => StoreFixture.Message(owner, ns: i)).ToList();
        foreach (var message in messages) await fixture.Store.StoreAsync(message, false, Token);
        var stranger = Messages.RandomAccount();

        var byStranger = await fixture.Store.DeleteAsync(stranger, [messages[0].Hash], Token);
        var deleted = await fixture.Store.DeleteAsync(owner, [messages[2].Hash, messages[0].Hash, Messages.RandomHash()], Token);

        Assert.Empty(byStranger);
        Assert.Equal(new[] { messages[0].Hash, messages[2].Hash }.Order(StringComparer.Ordinal), deleted);
        Assert.Equal(2, fixture.Store.Counters.Messages);
    }

    [Fact]
    public async Task Delete_all_and_delete_before_respect_namespace_and_time()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var old0 = StoreFixture.Message(owner, ns: 0, timestampMs: 100);
        var new0 = StoreFixture.Message(owner, ns: 0, timestampMs: 900);
        var old5 = StoreFixture.Message(owner, ns: 5, timestampMs: 100);
        var other = StoreFixture.Message(Messages.RandomAccount(), ns: 0, timestampMs: 100);
        foreach (var message in new[] { old0, new0, old5, other }) await fixture.Store.StoreAsync(message, false, Token);

        var before = await fixture.Store.DeleteBeforeAsync(owner, 0, beforeMs: 100, Token);
        var all = await fixture.Store.DeleteAllAsync(owner, null, Token);

        Assert.Equal([new NamespacedHash(0, old0.Hash)], before);
        Assert.Equal(new[] { new NamespacedHash(0, new0.Hash), new NamespacedHash(5, old5.Hash) }.OrderBy(h => h.Hash, StringComparer.Ordinal), all);
        Assert.Equal(1, fixture.Store.Counters.Messages);
    }

    [Fact]
    public async Task Expire_moves_expiries_as_the_mode_allows()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var message = StoreFixture.Message(owner, expiryMs: 5_000);
        await fixture.Store.StoreAsync(message, false, Token);
        string[] hashes = [message.Hash, Messages.RandomHash()];

        var extendDown = await fixture.Store.ExpireAsync(owner, Targets(hashes, 4_000), ExpireMode.ExtendOnly, Token);
        var shorten = await fixture.Store.ExpireAsync(owner, Targets(hashes, 4_000), ExpireMode.ShortenOnly, Token);
        var shortenUp = await fixture.Store.ExpireAsync(owner, Targets(hashes, 6_000), ExpireMode.ShortenOnly, Token);
        var same = await fixture.Store.ExpireAsync(owner, Targets(hashes, 4_000), ExpireMode.Set, Token);
        var set = await fixture.Store.ExpireAsync(owner, Targets(hashes, 7_000), ExpireMode.Set, Token);

        Assert.Equal(new ExpiryChange(5_000, false), Assert.Single(extendDown).Value);
        Assert.Equal(new ExpiryChange(4_000, true), shorten[message.Hash]);
        Assert.Equal(new ExpiryChange(4_000, false), shortenUp[message.Hash]);
        // Without a constraint Session counts a message as updated even when it already had that expiry.
        Assert.Equal(new ExpiryChange(4_000, true), same[message.Hash]);
        Assert.Equal(new ExpiryChange(7_000, true), set[message.Hash]);
        Assert.Equal(7_000, (await fixture.Store.GetExpiriesAsync(owner, hashes, Token))[message.Hash]);
    }

    [Fact]
    public async Task Expire_all_only_shortens()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var soon = StoreFixture.Message(owner, expiryMs: 2_000);
        var late = StoreFixture.Message(owner, expiryMs: 9_000);
        await fixture.Store.StoreAsync(soon, false, Token);
        await fixture.Store.StoreAsync(late, false, Token);

        var changed = await fixture.Store.ExpireAllAsync(owner, 0, 5_000, Token);
        var expiries = await fixture.Store.GetExpiriesAsync(owner, [soon.Hash, late.Hash], Token);

        Assert.Equal([new NamespacedHash(0, late.Hash)], changed);
        Assert.Equal(2_000, expiries[soon.Hash]);
        Assert.Equal(5_000, expiries[late.Hash]);
    }

    [Fact]
    public async Task Delete_expired_removes_exactly_the_expired_rows_in_chunks()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        // More than one sweeper chunk (1,000), so the repeat loop is exercised.
        var expired = Enumerable.Range(0, 1_500).Select(_ => StoreFixture.Message(owner, expiryMs: 1_000));
        await Task.WhenAll(expired.Select(message => fixture.Store.StoreAsync(message, false, Token)));
        var live = StoreFixture.Message(owner, expiryMs: 10_000);
        await fixture.Store.StoreAsync(live, false, Token);

        var deleted = await fixture.Store.DeleteExpiredAsync(nowMs: 1_000, Token);

        Assert.Equal(1_500, deleted);
        Assert.Equal(1, fixture.Store.Counters.Messages);
        Assert.Equal(1_500, fixture.Store.Counters.ExpiredTotal);
    }

    [Fact]
    public async Task Concurrent_stores_share_commits_and_all_survive_a_reopen()
    {
        await using var fixture = new StoreFixture();
        var owner = Messages.RandomAccount();
        var messages = Enumerable.Range(0, 2_000).Select(_ => StoreFixture.Message(owner)).ToList();

        var results = await Task.WhenAll(messages.Select(message => Task.Run(() => fixture.Store.StoreAsync(message, false, Token), Token)));
        var commits = fixture.Store.Counters.Commits;
        await fixture.ReopenAsync();
        var retrieved = await fixture.Store.RetrieveAsync(owner, 0, null, 5_000, long.MaxValue, 0, Token);

        Assert.All(results, result => Assert.Equal(StoreOutcome.Stored, result.Outcome));
        Assert.True(commits < messages.Count, $"group commit should batch: {commits} commits for {messages.Count} stores");
        Assert.Equal(messages.Select(m => m.Hash).Order(StringComparer.Ordinal), retrieved.Messages.Select(m => m.Hash).Order(StringComparer.Ordinal));
        Assert.Equal(messages.Count, fixture.Store.Counters.Messages);
    }

    [Fact]
    public async Task Statistics_count_messages_bytes_and_owners()
    {
        await using var fixture = new StoreFixture();
        await fixture.Store.StoreAsync(StoreFixture.Message(Messages.RandomAccount(), size: 10), false, Token);
        await fixture.Store.StoreAsync(StoreFixture.Message(Messages.RandomAccount(), size: 20), false, Token);

        var statistics = await fixture.Store.GetStatisticsAsync(Token);

        Assert.Equal((2L, 30L, 2L), (statistics.Messages, statistics.DataBytes, statistics.Owners));
        Assert.True(statistics.DatabaseBytes > 0);
    }

    [Fact]
    public async Task A_closed_store_refuses_writes_with_a_clear_exception()
    {
        await using var fixture = new StoreFixture();
        await fixture.Store.DisposeAsync();

        var exception = await Assert.ThrowsAsync<ObjectDisposedException>(
            () => fixture.Store.StoreAsync(StoreFixture.Message(Messages.RandomAccount()), false, Token));

        Assert.Contains("shutting down", exception.Message);
    }

    private static List<ExpiryTarget> Targets(string[] hashes, long expiryMs) => [.. hashes.Select(h => new ExpiryTarget(h, expiryMs))];
}
