using System.Text.Json;
using Wisp.Client;
using Wisp.Client.Direct;
using Wisp.IntegrationTests.Support;
using Wisp.Testing;

namespace Wisp.IntegrationTests.History;

/// <summary>
/// Signed history logs restored to a new device over real direct sessions: the network of real node processes the
/// direct-mode tests share, a small DHT on loopback UDP, real <c>DirectEndpoint</c>s. Messages sent direct are never
/// stored in the swarm, so the only copies left once the sending device is gone are the signed logs a contact holds.
/// </summary>
[Collection(SharedSevenNodes.Name)]
public sealed class HistoryRestoreTests(SevenNodeNetwork network) : IAsyncDisposable
{
    private readonly DirectClients _direct = new(network, firstSeed: 900);

    private TestProfiles Profiles => _direct.Profiles;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _direct.DisposeAsync();

    [Fact]
    public async Task A_new_device_restores_messages_only_its_contacts_signed_replica_holds_once_and_in_order()
    {
        var bootstrap = await _direct.DhtAsync();
        var (alice, phrase) = Profiles.Create("alice", _direct.NextSeed());
        var bob = Profiles.Open("bob", _direct.NextSeed());
        await DirectClients.AgreeAsync(alice, bob);
        await _direct.StartAsync(alice, bob);

        var texts = new[] { "first", "second", "third" };
        foreach (var text in texts)
        {
            var sent = alice.Conversations.Send(bob.AccountId, text, null, out _)!;
            await alice.OutboxRunner.SendDueAsync(Token);
            Assert.Equal(MessagePath.Direct, alice.Direct.PathOf(sent.Id)); // never in the swarm
            await Task.Delay(2, Token); // a message's identity includes its sent time: one per millisecond and conversation
        }
        Assert.Equal(texts, bob.Conversations.History(alice.AccountId).Select(m => m.Body));

        // Bob takes a replica of Alice's signed log; then Alice's device goes away for good.
        var replicated = await bob.History.RestoreAsync(null, TimeSpan.FromSeconds(30), Token);
        Assert.Equal([alice.AccountId], replicated.Reached);
        Assert.Equal(0, replicated.Imported.Imported); // he has them already
        var replica = Assert.Single(bob.History.Logs());
        Assert.Equal((alice.AccountId, false, 3UL, 0UL), (replica.Owner, replica.Own, replica.Length, replica.Gap));
        await alice.Direct.DisposeAsync();

        // Alice's new device, from her recovery phrase: it finds Bob's offer in her swarm and agrees.
        var phone = Profiles.Restore("alice-phone", phrase, _direct.NextSeed());
        await Eventually.TrueAsync(async () =>
        {
            await phone.FetchAsync(Token);
            return phone.Direct.Get(bob.AccountId).State == DirectState.Requested;
        }, "the new device sees bob's offer");
        Assert.Null(await phone.Direct.SetAsync(bob.AccountId, on: true, Token));
        var phoneKey = Convert.ToHexString(phone.Direct.DeviceKey.Span);
        await Eventually.TrueAsync(async () =>
        {
            await bob.FetchAsync(Token);
            return bob.Direct.Get(alice.AccountId).DeviceKeys.Any(k => Convert.ToHexString(k) == phoneKey);
        }, "bob knows the new device's key");
        Assert.Empty(phone.Conversations.History(bob.AccountId));
        await phone.DisposeAsync(); // the profile is the CLI's now

        // `wisp history restore` starts the direct path in its own process for the time it runs.
        var dht = bootstrap.SelectMany(b => new[] { "--dht-bootstrap", b }).ToArray();
        var (code, stdout, stderr) = await WispProcess.RunAsync(
            Profiles.Args(["history", "restore", "--profile", "alice-phone", "--wait", "30", "--json", .. dht]));
        Assert.True(code == 0, stderr);
        var report = JsonDocument.Parse(stdout).RootElement;
        Assert.True(report.GetProperty("reached").EnumerateArray().Select(p => p.GetString()).SequenceEqual([bob.AccountId.Hex]), stdout);
        Assert.Equal(3, report.GetProperty("imported").GetInt32());

        phone = Profiles.Reopen("alice-phone", _direct.NextSeed());
        var history = phone.Conversations.History(bob.AccountId);
        Assert.Equal(texts, history.Select(m => m.Body));
        Assert.All(history, m => Assert.Equal(Client.Conversations.MessageDirection.Out, m.Direction));

        // A second restore, in process, over a new session: nothing doubled.
        Assert.Null(await phone.EnableDirectAsync(bootstrap, Token));
        var again = await phone.History.RestoreAsync(null, TimeSpan.FromSeconds(30), Token);
        Assert.Equal([bob.AccountId], again.Reached);
        Assert.Equal(0, again.Imported.Imported);
        Assert.Equal(texts, phone.Conversations.History(bob.AccountId).Select(m => m.Body));
    }
}
