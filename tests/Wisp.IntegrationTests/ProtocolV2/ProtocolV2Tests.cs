using System.Text.Json;
using Wisp.Client;
using Wisp.Client.Keys;
using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.IntegrationTests.Support;
using Wisp.Protocol.V2;
using Wisp.Testing;

namespace Wisp.IntegrationTests.ProtocolV2;

/// <summary>
/// Session protocol v2 between accounts on a network of real node processes: bundles published to namespace −21 and
/// fetched from it, messages sealed in v2 by default (checked on the bytes the swarm holds), the v1 fallback for an
/// account that publishes nothing (flagged in <c>wisp history --json</c>), and a message that a key captured today
/// cannot open once the key it was sealed to has been rotated away and dropped.
/// </summary>
[Collection(SharedSevenNodes.Name)]
public sealed class ProtocolV2Tests(SevenNodeNetwork network) : IAsyncDisposable
{
    private readonly TestProfiles _profiles = new(network);
    private readonly Dictionary<string, Ed25519KeyPair> _keys = [];

    public ValueTask DisposeAsync() => _profiles.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_accounts_talk_in_v2_and_the_swarm_holds_only_v2_bytes()
    {
        var alice = Open("alice");
        var bob = Open("bob");
        // The running client publishes on its own: bob's bundle is in his namespace −21 once it has started.
        bob.Start();
        await Eventually.TrueAsync(() => Task.FromResult(bob.Keys.Status().CurrentPublished), "bob's bundle published", TimeSpan.FromSeconds(90));
        Assert.Null(await alice.Keys.UpkeepAsync(Token));

        // The node takes the owner's store and gives it to anyone: one message, verifying as bob's current keys.
        var stranger = _profiles.Swarm(seed: 11);
        var published = Assert.Single((await Retrieve(stranger, bob.AccountId)).Messages);
        var bundle = AccountKeyBundle.Decode(published.Data, bob.AccountId);
        Assert.True(bundle.Ok, bundle.Describe());
        using (var current = bob.Keys.Ring.Current()!.Expand())
            Assert.True(current.ToBundle().SameKeys(bundle.Bundle!));
        // A rotation replaces it: still one message, now the new key's.
        var rotated = bob.Keys.Ring.Rotate(bob.Keys.Now());
        Assert.Null(await bob.Keys.UpkeepAsync(Token));
        var replaced = Assert.Single((await Retrieve(stranger, bob.AccountId)).Messages);
        using (var next = rotated.Expand())
            Assert.True(next.ToBundle().SameKeys(AccountKeyBundle.Decode(replaced.Data, bob.AccountId).Bundle!));

        // Alice has never fetched bob's keys: the message waits for one fetch, then goes in v2.
        alice.Conversations.Send(bob.AccountId, "hello bob, forward-secret", "Alice", out _);
        await alice.OutboxRunner.SendDueAsync(Token);
        var sent = Assert.Single(alice.Conversations.History(bob.AccountId));
        Assert.Equal((Client.Conversations.MessageStatus.Sent, MessageSealing.V2), (sent.Status, sent.Sealing));

        var stored = Assert.Single((await RetrieveOwn(stranger, "bob", 0)).Messages);
        Assert.Equal([0x00, 0x02], stored.Data[..2]);
        Assert.Equal(0, (stored.Data.Length - DirectMessageV2.MinimumBytes) % 256);

        await Eventually.TrueAsync(() => Task.FromResult(bob.Conversations.History(alice.AccountId).Count == 1), "the message at bob", TimeSpan.FromSeconds(90));
        Assert.Equal(MessageSealing.V2, bob.Conversations.History(alice.AccountId).Single().Sealing);

        // Bob answers: he fetches alice's keys in turn.
        bob.Conversations.Accept(alice.AccountId);
        bob.Conversations.Send(alice.AccountId, "hi alice", null, out _);
        await Eventually.TrueAsync(async () =>
        {
            await alice.FetchAsync(Token);
            return alice.Conversations.History(bob.AccountId).Count == 2;
        }, "bob's answer at alice", TimeSpan.FromSeconds(90));
        Assert.All(alice.Conversations.History(bob.AccountId), m => Assert.Equal(MessageSealing.V2, m.Sealing));

        var history = await _profiles.HistoryJsonAsync("alice", bob.AccountId);
        Assert.All(history, m => Assert.Equal(("v2", true), (m.GetProperty("sealing").GetString(), m.GetProperty("forward_secret").GetBoolean())));
    }

    [Fact]
    public async Task A_contact_that_publishes_no_keys_gets_v1_and_the_fallback_is_flagged()
    {
        var alice = Open("alice");
        _profiles.CreateOffline("carol");
        var (code, _, stderr) = await WispProcess.RunAsync(_profiles.Args("account", "keys", "--publish", "off", "--profile", "carol"));
        Assert.True(code == 0, stderr);
        var carol = Open("carol", created: false);
        Assert.False(carol.Keys.Publishing);
        Assert.Null(await carol.Keys.UpkeepAsync(Token));
        Assert.Null(await alice.Keys.UpkeepAsync(Token));
        var stranger = _profiles.Swarm(seed: 12);
        Assert.Empty((await Retrieve(stranger, carol.AccountId)).Messages);

        alice.Conversations.Send(carol.AccountId, "hello carol", null, out _);
        await alice.OutboxRunner.SendDueAsync(Token);
        Assert.Equal(MessageSealing.V1, alice.Conversations.History(carol.AccountId).Single().Sealing);
        var stored = Assert.Single((await RetrieveOwn(stranger, "carol", 0)).Messages);
        Assert.NotEqual(0x00, stored.Data[0]); // a v1 WebSocketMessage protobuf, not a v2 message

        var json = Assert.Single(await _profiles.HistoryJsonAsync("alice", carol.AccountId));
        Assert.Equal(("v1", false), (json.GetProperty("sealing").GetString(), json.GetProperty("forward_secret").GetBoolean()));
        (code, var text, stderr) = await WispProcess.RunAsync(_profiles.Offline("history", carol.AccountId.Hex, "--profile", "alice"));
        Assert.True(code == 0, stderr);
        Assert.Contains("hello carol", text);
        Assert.Contains("[not forward-secret]", text);
        (code, text, stderr) = await WispProcess.RunAsync(_profiles.Args("contacts", "show", carol.AccountId.Hex, "--profile", "alice", "--json"));
        Assert.True(code == 0, stderr);
        Assert.False(JsonDocument.Parse(text).RootElement.GetProperty("v2_keys").GetBoolean());

        // Carol reads it flagged; her answer to alice (who publishes) is v2.
        await carol.FetchAsync(Token);
        Assert.True(carol.Conversations.History(alice.AccountId).Single().NotForwardSecret);
        carol.Conversations.Accept(alice.AccountId);
        carol.Conversations.Send(alice.AccountId, "hi alice", null, out _);
        await carol.OutboxRunner.SendDueAsync(Token);
        Assert.Equal(MessageSealing.V2, carol.Conversations.History(alice.AccountId).Single(m => m.Body == "hi alice").Sealing);
    }

    [Fact]
    public async Task A_key_captured_today_cannot_open_last_weeks_message_but_the_dropped_key_could()
    {
        var alice = Open("alice");
        var bob = Open("bob");
        Assert.Null(await bob.Keys.UpkeepAsync(Token));
        alice.Conversations.Send(bob.AccountId, "sealed to last week's key", null, out _);
        await alice.OutboxRunner.SendDueAsync(Token);
        var stranger = _profiles.Swarm(seed: 13);
        var recorded = Assert.Single((await RetrieveOwn(stranger, "bob", 0)).Messages).Data; // what an adversary logs
        Assert.Equal([0x00, 0x02], recorded[..2]);
        var lastWeeks = bob.Keys.Ring.Current()!;

        // A rotation every 12 hours for 17 days: the key the message was sealed to is rotated away and, after 16 days, dropped.
        var now = lastWeeks.Created;
        for (var i = 0; i < 34; i++)
        {
            now += TimeSpan.FromHours(12);
            bob.Keys.Ring.Rotate(now);
        }
        var today = bob.Keys.Ring.All();
        Assert.DoesNotContain(today, e => e.Seed.AsSpan().SequenceEqual(lastWeeks.Seed));

        // Everything bob holds today, his long-term key included, does not open it ...
        var todaysKeys = today.Select(e => e.Expand()).ToList();
        var withToday = DirectMessageV2.Open(_keys["bob"], todaysKeys, recorded);
        Assert.False(withToday.Succeeded);
        Assert.NotNull(withToday.Failure);
        // ... nor does bob's client, which drops it when it polls ...
        await bob.FetchAsync(Token);
        Assert.Empty(bob.Conversations.History(alice.AccountId));
        // ... while the key dropped from the ring opens it.
        using var dropped = lastWeeks.Expand();
        var withDropped = DirectMessageV2.Open(_keys["bob"], [dropped], recorded);
        Assert.True(withDropped.Succeeded);
        Assert.True(withDropped.ForwardSecret);
        var content = Protocol.Content.Content.Parser.ParseFrom(withDropped.Content);
        Assert.Equal("sealed to last week's key", content.DataMessage.Body);
        foreach (var key in todaysKeys)
            key.Dispose();
    }

    private WispClient Open(string name, bool created = true)
    {
        if (created)
            _profiles.CreateOffline(name);
        var (client, keys) = _profiles.OpenLocal(name);
        _keys[name] = keys;
        return client;
    }

    /// <summary>Namespace −21 of <paramref name="account"/>, read without a signature as any contact reads it.</summary>
    private static async Task<RetrievedMessages> Retrieve(SwarmClient client, AccountId account)
    {
        var result = await client.RetrievePublicAsync(account, AccountKeyBundle.Namespace, Token);
        Assert.True(result.Ok, result.Error?.Message);
        return result.Value!;
    }

    /// <summary>A namespace of <paramref name="name"/>'s swarm, read with its key (what its swarm's nodes hold).</summary>
    private async Task<RetrievedMessages> RetrieveOwn(SwarmClient client, string name, int ns)
    {
        var result = await client.RetrieveAsync(_keys[name], ns, lastHash: null, Token);
        Assert.True(result.Ok, result.Error?.Message);
        return result.Value!;
    }
}
