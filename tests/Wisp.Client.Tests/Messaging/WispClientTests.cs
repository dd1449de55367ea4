using System.Threading.Channels;
using Wisp.Client.Account;
using Wisp.Client.Conversations;
using Wisp.Client.Swarm;
using Wisp.Client.Tests.Polling;
using Wisp.Client.Tests.Support;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Messaging;

/// <summary>
/// The front door over a swarm in memory: one stream of events (messages, delivery states, receipts, disappearing
/// messages, network health), and two processes of one profile (two clients over the same database) seeing each
/// other's messages.
/// </summary>
public sealed class WispClientTests : IAsyncDisposable
{
    private const long Start = 1_750_000_000_000;
    private readonly TempHome _home = new();
    private readonly InMemorySwarm _swarm = new(Start);
    private readonly List<WispClient> _clients = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        _home.Dispose();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_stream_reports_a_message_from_sending_to_sent_to_read()
    {
        var alice = Create("alice");
        var bob = Create("bob");
        var aliceEvents = alice.Subscribe();
        var bobEvents = bob.Subscribe();

        var queued = alice.Conversations.Send(bob.AccountId, "hello", null, out _)!;
        alice.FollowChanges();
        var added = Assert.IsType<ClientEvent.MessageAdded>(await NextAsync(aliceEvents));
        Assert.Equal((queued.Id, DeliveryState.Sending), (added.Message.Id, added.Message.Delivery));

        await alice.OutboxRunner.SendDueAsync(Token);
        alice.FollowChanges();
        var sent = Assert.IsType<ClientEvent.DeliveryChanged>(await NextAsync(aliceEvents));
        Assert.Equal(DeliveryState.Sent, sent.Message.Delivery);

        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        bob.FollowChanges();
        var arrived = Assert.IsType<ClientEvent.MessageAdded>(await NextAsync(bobEvents));
        Assert.True(arrived.IsRequest);
        Assert.Equal("hello", arrived.Message.Body);

        bob.Conversations.Accept(alice.AccountId);
        await bob.Conversations.MarkReadAsync(alice.AccountId, Token);
        await alice.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        alice.FollowChanges();
        Assert.Equal(DeliveryState.Read, Assert.IsType<ClientEvent.DeliveryChanged>(await NextAsync(aliceEvents)).Message.Delivery);
        Assert.Equal(new ClientEvent.MessagesRead(bob.AccountId, 1), await NextAsync(aliceEvents));
    }

    [Fact]
    public async Task A_second_process_of_the_profile_sees_what_the_first_sends_and_how_it_goes()
    {
        var alice = Create("alice");
        var bob = Create("bob");
        var aliceAgain = Reopen("alice"); // another wisp process of the same profile
        var events = aliceAgain.Subscribe();

        var queued = alice.Conversations.Send(bob.AccountId, "from the first process", null, out _)!;
        await alice.OutboxRunner.SendDueAsync(Token);
        aliceAgain.FollowChanges();

        // Inserted and sent before the second looked: it is new to the second, shown as it is now.
        var added = Assert.IsType<ClientEvent.MessageAdded>(await NextAsync(events));
        Assert.Equal((queued.Id, DeliveryState.Sent), (added.Message.Id, added.Message.Delivery));
        Assert.Equal(MessageDirection.Out, added.Message.Direction);
        Assert.Equal(0, aliceAgain.FollowChanges());
    }

    [Fact]
    public async Task Losing_and_regaining_the_network_is_reported_once_each()
    {
        var alice = Create("alice");
        var bob = Create("bob");
        var events = alice.Subscribe();
        _swarm.StoreFailure = new SwarmError(SwarmFailure.PathsFailed, "every path failed");

        alice.Conversations.Send(bob.AccountId, "one", null, out _);
        alice.Conversations.Send(bob.AccountId, "two", null, out _);
        await alice.OutboxRunner.SendDueAsync(Token);
        _swarm.Now += 60_000;
        await alice.OutboxRunner.SendDueAsync(Token);
        _swarm.StoreFailure = null;
        _swarm.Now += 60_000;
        await alice.OutboxRunner.SendDueAsync(Token);

        Assert.Equal(new ClientEvent.NetworkUnreachable("every path failed"), await NextAsync(events));
        Assert.Equal(new ClientEvent.NetworkReconnected(), await NextAsync(events));
        alice.FollowChanges();
        var rest = new List<ClientEvent>();
        while (rest.Count < 8 && NextOrNull(events) is { } next)
            rest.Add(next);
        Assert.DoesNotContain(rest, e => e is ClientEvent.NetworkUnreachable or ClientEvent.NetworkReconnected);
        Assert.All(alice.Conversations.History(bob.AccountId), m => Assert.Equal(DeliveryState.Sent, m.Delivery));
    }

    [Fact]
    public async Task Disappearing_messages_go_on_time_on_both_sides_without_a_fetch()
    {
        var alice = Create("alice");
        var bob = Create("bob");
        var aliceAgain = Reopen("alice");
        alice.Conversations.SetDisappearing(bob.AccountId, TimeSpan.FromMinutes(1), out _);
        var mine = alice.Conversations.Send(bob.AccountId, "gone in a minute", null, out _)!;
        await alice.OutboxRunner.SendDueAsync(Token);
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Equal(2, aliceAgain.FollowChanges()); // the second process schedules what the first sent
        var aliceEvents = alice.Subscribe();
        var againEvents = aliceAgain.Subscribe();
        var bobEvents = bob.Subscribe();

        Assert.Equal(mine.SentAtMs + 60_000, alice.ExpireDue(mine.SentAtMs + 59_999));
        var due = mine.SentAtMs + 60_000;
        alice.ExpireDue(due);
        aliceAgain.ExpireDue(due); // the first process deleted it already: still reported here
        bob.ExpireDue(due);

        Assert.Equal([mine.Id], Assert.IsType<ClientEvent.MessagesDisappeared>(await NextAsync(aliceEvents)).MessageIds);
        Assert.Equal([mine.Id], Assert.IsType<ClientEvent.MessagesDisappeared>(await NextAsync(againEvents)).MessageIds);
        Assert.Single(Assert.IsType<ClientEvent.MessagesDisappeared>(await NextAsync(bobEvents)).MessageIds);
        Assert.DoesNotContain(alice.Conversations.History(bob.AccountId), m => m.Kind == MessageKind.Text);
        Assert.DoesNotContain(bob.Conversations.History(alice.AccountId), m => m.Kind == MessageKind.Text);
    }

    [Fact]
    public async Task An_offline_client_queues_and_a_later_connected_one_sends_at_once()
    {
        var bob = Create("bob");
        var offline = Create("alice", connect: false);
        var queued = offline.Conversations.Send(bob.AccountId, "typed offline", null, out _)!;
        await offline.Outbox.FlushAsync(Token);
        Assert.Equal("not connected to a network", offline.Outbox.Find(queued.Id)!.FailureReason);
        Assert.Equal(DeliveryState.Sending, offline.Outbox.Find(queued.Id)!.Delivery);

        // A later process: whatever backoff the first left, it tries at once.
        var later = Reopen("alice");
        var left = await later.Outbox.DeliverAsync(TimeSpan.FromSeconds(30), TimeProvider.System, Token);
        Assert.Empty(left);
        Assert.Equal(DeliveryState.Sent, later.Outbox.Find(queued.Id)!.Delivery);
    }

    [Fact]
    public void Retrying_names_what_is_wrong_with_an_id_that_is_not_a_failed_message()
    {
        var alice = Create("alice");
        Assert.False(alice.Outbox.Retry("no-such-id", out var error));
        Assert.Contains("`wisp outbox`", error);
        Assert.Empty(alice.Outbox.RetryAll());
    }

    private WispClient Create(string name, bool connect = true)
    {
        Assert.True(AccountVault.Create(_home.Home, ProfileName.Parse(name), passphrase: null).TryGet(out var created, out var error), error?.Message);
        return Track(WispClient.Over(created.Account, TimeProvider.System), connect);
    }

    private WispClient Reopen(string name)
    {
        Assert.True(WispClient.Open(_home.Home, ProfileName.Parse(name), passphrase: null).TryGet(out var client, out var error), error?.Message);
        return Track(client, connect: true);
    }

    private WispClient Track(WispClient client, bool connect)
    {
        if (connect)
            client.Connect(_swarm);
        _clients.Add(client);
        return client;
    }

    // Events are published synchronously by the calls above: one is either queued already or not coming.
    private static Task<ClientEvent> NextAsync(ChannelReader<ClientEvent> events) =>
        Task.FromResult(NextOrNull(events) ?? throw new InvalidOperationException("No event came."));

    private static ClientEvent? NextOrNull(ChannelReader<ClientEvent> events) => events.TryRead(out var next) ? next : null;
}
