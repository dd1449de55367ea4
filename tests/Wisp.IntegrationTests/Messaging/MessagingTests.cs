using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Client.Conversations;
using Wisp.Client.Messaging;
using Wisp.Client.Polling;
using Wisp.Client.Swarm;
using Wisp.IntegrationTests.Support;
using Wisp.Network.Local;
using Wisp.Network.Registry;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Messaging;

/// <summary>The network the messaging tests share: <c>wisp up</c> with 12 node processes (replication on).</summary>
public sealed class MessagingNetwork : LocalNetworkFixture
{
    protected override int NodeCount => 12;
}

/// <summary>
/// Two accounts talking through onion paths on a network of real node processes (<c>wisp up</c>: HTTPS on loopback,
/// signed registry, replication): the outbox, the poller and the conversation store end to end.
/// </summary>
public sealed partial class MessagingTests(MessagingNetwork network) : IClassFixture<MessagingNetwork>, IAsyncDisposable
{
    private readonly TempDirectory _home = new();
    private readonly List<IDisposable> _owned = [];
    private readonly List<WispClient> _clients = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        foreach (var owned in Enumerable.Reverse(_owned))
            owned.Dispose();
        _home.Dispose();
    }

    private SwarmClient NewClient(int seed)
    {
        Assert.True(LocalNetwork.TryLoad(network.Folder, out var local, out var problem), problem);
        var registry = FileRegistry.Open(new FileRegistryOptions { Path = local.RegistryPath, RegistryKey = local.RegistryKey }, TimeProvider.System).Value!;
        _owned.Add(registry);
        return SwarmClient.Create(registry, stateDirectory: null, TimeProvider.System, new Random(seed));
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_accounts_exchange_messages_and_a_restart_keeps_history_without_fetching_twice()
    {
        var alice = Open("alice", seed: 1);
        var bob = Open("bob", seed: 2);

        // Bob is offline (not polling) while Alice writes three messages.
        foreach (var text in new[] { "one", "two", "three" })
            Assert.NotNull(alice.Conversations.Send(bob.AccountId, text, "Alice", out _));
        await alice.OutboxRunner.SendDueAsync(Token);
        Assert.All(alice.Conversations.History(bob.AccountId), m => Assert.Equal(MessageStatus.Sent, m.Status));

        // Bob comes back: everything arrives, as a request from an unknown sender.
        Assert.Equal(3, (await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token)).Taken);
        Assert.Equal(["one", "three", "two"], bob.Conversations.History(alice.AccountId).Select(m => m.Body).Order(StringComparer.Ordinal));
        Assert.Equal(ConversationState.Request, bob.Conversations.Find(alice.AccountId)!.State);

        // Bob replies (accepting), Alice receives it.
        bob.Conversations.Send(alice.AccountId, "hi alice", null, out _);
        await bob.OutboxRunner.SendDueAsync(Token);
        Assert.Equal(1, (await alice.Poller.PollOnceAsync(TimeSpan.Zero, Token)).Taken);
        Assert.Contains(alice.Conversations.History(bob.AccountId), m => m.Body == "hi alice" && m.Direction == MessageDirection.In);

        // Restart Bob: a new account handle, store, swarm client and poller over the same profile.
        var profile = bob.Profile;
        var restarted = Reopen(profile, seed: 3);
        var events = new List<PollEvent>();
        restarted.Poller.Received += events.Add;
        Assert.Equal(0, (await restarted.Poller.PollOnceAsync(TimeSpan.Zero, Token)).Taken);
        Assert.Empty(events);
        Assert.Equal(4, restarted.Conversations.History(alice.AccountId).Count);
    }

    [Fact]
    public async Task Forged_and_malformed_messages_in_the_swarm_are_dropped_with_a_reason()
    {
        var bob = Open("bob", seed: 4);
        using var mallory = Crypto.Keys.Ed25519KeyPair.Generate();
        using var client = NewClient(seed: 5);
        var ttl = TimeSpan.FromHours(1);
        var forged = MessageComposer.Compose(mallory, mallory.AccountId, MessageContent.Text("not for bob", 1, null, null), 1).Stored!;
        Assert.True((await client.StoreAsync(bob.AccountId, 0, forged, ttl, null, Token)).Ok);
        Assert.True((await client.StoreAsync(bob.AccountId, 0, new byte[] { 1, 2, 3 }, ttl, null, Token)).Ok);

        var events = new List<PollEvent>();
        bob.Poller.Received += events.Add;
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        Assert.Equal(
            [MessageFailure.DecryptFailed, MessageFailure.NotAnEnvelope],
            events.OfType<PollEvent.Dropped>().Select(d => d.Failure).ToList());
        Assert.Empty(bob.Conversations.List());
    }

    [Fact]
    public async Task Three_of_the_recipients_swarm_nodes_killed_mid_conversation_lose_nothing()
    {
        var alice = Open("alice", seed: 6);
        var bob = Open("bob", seed: 7, out var bobKeys);
        var sent = new List<string>();
        for (var i = 0; i < 5; i++)
            sent.Add(alice.Conversations.Send(bob.AccountId, $"before {i}", null, out _)!.Id);
        await alice.OutboxRunner.SendDueAsync(Token);

        foreach (var node in network.SwarmOf(bobKeys).Take(3))
            network.KillHard(node);

        for (var i = 0; i < 5; i++)
            sent.Add(alice.Conversations.Send(bob.AccountId, $"after {i}", null, out _)!.Id);
        // The outbox retries what a dead node cost; every message ends up sent.
        while (alice.Data.Outbox.NextAttempt() is not null)
        {
            await alice.OutboxRunner.SendDueAsync(Token);
            if (alice.Data.Outbox.NextAttempt() is { } next)
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(next - alice.NowMs(), 0, 30_000)), Token);
        }
        Assert.All(sent, id => Assert.Equal(MessageStatus.Sent, alice.Outbox.Find(id)!.Status));

        await Eventually.TrueAsync(async () =>
        {
            await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
            return bob.Conversations.History(alice.AccountId).Count == 10;
        }, "every message at bob");
    }

    [Fact]
    public async Task Messages_sent_while_the_recipient_is_offline_arrive_once_each_in_order_when_it_returns()
    {
        var alice = Open("alice", seed: 8);
        var bob = Open("bob", seed: 9);
        var (bobId, bobProfile) = (bob.AccountId, bob.Profile);

        // Bob is online, then goes offline: his client stops and his account closes.
        bob.Start();
        await bob.DisposeAsync();

        // Alice writes while he is away; each message is stored in his swarm before she writes the next.
        alice.Start();
        var texts = Enumerable.Range(1, 5).Select(i => $"while you were away {i}").ToList();
        foreach (var text in texts)
        {
            var id = alice.Conversations.Send(bobId, text, "Alice", out var error)?.Id;
            Assert.True(id is not null, error);
            await Eventually.TrueAsync(() => Task.FromResult(alice.Outbox.Find(id)!.Status != MessageStatus.Pending), $"'{text}' leaves the outbox");
            Assert.Equal(MessageStatus.Sent, alice.Outbox.Find(id)!.Status);
        }

        // Bob comes back: a new account handle and messaging over the same profile, polling in the background.
        var returned = Reopen(bobProfile, seed: 10);
        var arrived = new List<string>();
        returned.Poller.Received += e =>
        {
            if (e is PollEvent.MessageArrived message)
                lock (arrived) arrived.Add(message.Message.Body);
        };
        returned.Start();
        await Eventually.TrueAsync(() => Task.FromResult(Count(arrived) >= texts.Count), "every message at bob");
        await returned.StopAsync();

        // Nothing more comes from another poll: each message arrived exactly once, in the order Alice sent them.
        Assert.Equal(0, (await returned.Poller.PollOnceAsync(TimeSpan.Zero, Token)).Taken);
        Assert.Equal(texts, arrived);
        Assert.Equal(texts, returned.Conversations.History(alice.AccountId).Select(m => m.Body));
    }

    private static int Count(List<string> list)
    {
        lock (list)
            return list.Count;
    }

    private WispClient Open(string name, int seed) => Open(name, seed, out _);

    private WispClient Open(string name, int seed, out Crypto.Keys.Ed25519KeyPair keys)
    {
        var created = AccountVault.Create(WispHome.At(_home.Path), ProfileName.Parse(name), passphrase: null);
        Assert.True(created.TryGet(out var account, out var error), error?.Message);
        keys = account.Account.Keys;
        return Client(account.Account, seed);
    }

    private WispClient Reopen(ProfileName profile, int seed)
    {
        Assert.True(AccountVault.Open(WispHome.At(_home.Path), profile, null).TryGet(out var account, out var error), error?.Message);
        return Client(account, seed);
    }

    private WispClient Client(OpenAccount account, int seed)
    {
        var swarm = NewClient(seed);
        var client = WispClient.Over(account, TimeProvider.System);
        client.Connect(new SwarmClientMessageSwarm(swarm));
        _owned.Add(swarm);
        _clients.Add(client);
        return client;
    }
}
