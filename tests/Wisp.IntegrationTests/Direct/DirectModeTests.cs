using Wisp.Client;
using Wisp.Client.Direct;
using Wisp.IntegrationTests.Support;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Direct;

/// <summary>
/// Direct mode between two clients on a network of real node processes, over real UDP on loopback: a small DHT of
/// three persistent nodes started here (the clients bootstrap from it as from <c>--dht-bootstrap</c>), real
/// <c>DirectEndpoint</c>s (Noise, secret streams, reliable streams), the swarm as the fallback.
/// </summary>
[Collection(SharedSevenNodes.Name)]
public sealed class DirectModeTests(SevenNodeNetwork network) : IAsyncDisposable
{
    private readonly DirectClients _direct = new(network, firstSeed: 700);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _direct.DisposeAsync();

    [Fact]
    public async Task Two_contacts_in_direct_mode_send_a_message_direct_and_it_is_never_stored_in_the_swarm()
    {
        var (alice, bob) = await _direct.PairAsync();

        var sent = alice.Conversations.Send(bob.AccountId, "hello over the direct path", null, out _)!;
        await alice.OutboxRunner.SendDueAsync(Token);

        Assert.Equal(Client.Conversations.DeliveryState.Sent, alice.Outbox.Find(sent.Id)!.Delivery);
        Assert.Equal(MessagePath.Direct, alice.Direct.PathOf(sent.Id));
        var received = Assert.Single(bob.Conversations.History(alice.AccountId));
        Assert.Equal("hello over the direct path", received.Body);
        Assert.Equal(MessagePath.Direct, bob.Direct.PathOf(received.Id));
        Assert.Equal(MessagePath.Direct, Assert.Single(alice.Direct.Status()!.Sessions).Path);
    }

    [Fact]
    public async Task A_session_dropped_mid_run_sends_the_rest_through_the_swarm_with_nothing_lost_or_doubled()
    {
        var (alice, bob) = await _direct.PairAsync();
        var texts = Enumerable.Range(1, 6).Select(i => $"message {i}").ToList();
        var ids = new List<string>();
        foreach (var text in texts.Take(3))
        {
            ids.Add(alice.Conversations.Send(bob.AccountId, text, null, out _)!.Id);
            await alice.OutboxRunner.SendDueAsync(Token);
        }
        await bob.Direct.DisposeAsync(); // bob's endpoint goes away: the session drops, and no new one can be made
        foreach (var text in texts.Skip(3))
            ids.Add(alice.Conversations.Send(bob.AccountId, text, null, out _)!.Id);
        await alice.OutboxRunner.SendDueAsync(Token);

        await Eventually.TrueAsync(async () =>
        {
            await bob.FetchAsync(Token);
            return bob.Conversations.History(alice.AccountId).Count >= texts.Count;
        }, "bob has all six messages");
        await bob.FetchAsync(Token); // a second look finds no second copy
        Assert.Equal(texts, bob.Conversations.History(alice.AccountId).Select(m => m.Body));
        Assert.Equal([MessagePath.Direct, MessagePath.Direct, MessagePath.Direct, null, null, null], ids.Select(alice.Direct.PathOf));
    }

    [Fact]
    public async Task With_only_one_side_on_everything_goes_through_the_swarm()
    {
        var (alice, bob) = (_direct.Create("solo-alice"), _direct.Create("solo-bob"));
        Assert.Null(await alice.Direct.SetAsync(bob.AccountId, on: true, Token));
        await Eventually.TrueAsync(async () =>
        {
            await bob.FetchAsync(Token);
            return bob.Direct.Get(alice.AccountId).State == DirectState.Requested;
        }, "bob sees alice's request");
        var bootstrap = await _direct.DhtAsync();
        Assert.Null(await alice.EnableDirectAsync(bootstrap, Token));
        Assert.Null(await bob.EnableDirectAsync(bootstrap, Token));

        var sent = alice.Conversations.Send(bob.AccountId, "through the swarm", null, out _)!;
        await alice.OutboxRunner.SendDueAsync(Token);
        await Eventually.TrueAsync(async () =>
        {
            await bob.FetchAsync(Token);
            return bob.Conversations.History(alice.AccountId).Count == 1;
        }, "bob has the message");

        Assert.Null(alice.Direct.PathOf(sent.Id));
        Assert.Empty(alice.Direct.Status()!.Sessions);
        Assert.False(bob.Direct.Running); // bob never agreed: his device announced nothing
    }
}
