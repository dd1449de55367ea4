using Wisp.Client.Tests.Support;

namespace Wisp.Client.Tests.History;

/// <summary>
/// Signed history logs through the client's front door: real sends append to the log (direct's hook), and a restore
/// over direct sessions (in memory, on history channel 2) brings back messages the swarm no longer holds, once.
/// </summary>
public sealed class HistoryRestoreTests : IAsyncDisposable
{
    private readonly DirectClients _clients = new();

    public ValueTask DisposeAsync() => _clients.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Messages_the_swarm_no_longer_holds_are_restored_from_the_contacts_signed_log_once()
    {
        var (alice, bob) = await _clients.AgreedAsync();

        foreach (var text in new[] { "first", "second", "third" })
        {
            _clients.Swarm.Now += 1_000; // a message's identity includes its sent time: one per millisecond and conversation
            Assert.NotNull(alice.Conversations.Send(bob.AccountId, text, null, out _));
        }
        await alice.OutboxRunner.SendDueAsync(Token); // no sessions yet: through the swarm
        var log = Assert.Single(alice.History.Logs());
        Assert.True(log.Own);
        Assert.Equal((3UL, 3UL, 0UL), (log.Length, log.VerifiedLength, log.Gap));

        // The swarm forgets them before Bob ever polls (as 14 days would).
        using var bobKeys = _clients.KeysOf(bob);
        var held = (await _clients.Swarm.RetrieveAsync(bobKeys, null, null, TimeSpan.Zero, Token)).Value!.Messages.Select(m => m.Hash).ToList();
        await _clients.Swarm.DeleteAsync(bobKeys, held, Token);
        Assert.Equal(0, _clients.Swarm.Count(bob.AccountId));

        await _clients.StartAsync(alice, bob);
        var lines = new List<string>();
        var result = await bob.History.RestoreAsync(new SyncProgress(lines), TimeSpan.FromSeconds(30), Token);

        Assert.Equal([alice.AccountId], result.Reached);
        Assert.Equal(3, result.Imported.Imported);
        Assert.Contains(lines, l => l.Contains("imported 3 messages", StringComparison.Ordinal));
        Assert.Equal(["first", "second", "third"], bob.Conversations.History(alice.AccountId).Select(m => m.Body));
        var replica = Assert.Single(bob.History.Logs());
        Assert.Equal((alice.AccountId, false, 3UL, 0UL), (replica.Owner, replica.Own, replica.Length, replica.Gap));

        var again = await bob.History.RestoreAsync(null, TimeSpan.FromSeconds(30), Token);
        Assert.Equal([alice.AccountId], again.Reached); // Alice's side answers a second opening with its sync again
        Assert.Equal(0, again.Imported.Imported);
        Assert.Equal(3, bob.Conversations.History(alice.AccountId).Count);
    }

    // Progress<T> posts to the thread pool; the test reads the lines right after, so report synchronously.
    private sealed class SyncProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
                lines.Add(value);
        }
    }
}
