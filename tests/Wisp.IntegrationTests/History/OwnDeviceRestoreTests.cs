using System.Text.Json;
using Wisp.Client;
using Wisp.Client.Devices;
using Wisp.Client.Direct;
using Wisp.Client.History;
using Wisp.IntegrationTests.Support;
using Wisp.Testing;

namespace Wisp.IntegrationTests.History;

/// <summary>
/// A linked second device restores history from the account's own first device over a real direct session (found by
/// the direct key in its device record), on the network of real node processes the direct-mode tests share: messages
/// the swarm never held come back, and a tampered entry in what the first device holds is refused with nothing of its
/// range kept.
/// </summary>
[Collection(SharedSevenNodes.Name)]
public sealed class OwnDeviceRestoreTests(SevenNodeNetwork network) : IAsyncDisposable
{
    private readonly DirectClients _direct = new(network, firstSeed: 960);

    private TestProfiles Profiles => _direct.Profiles;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _direct.DisposeAsync();

    [Fact]
    public async Task A_linked_device_restores_from_the_accounts_own_device_what_the_swarm_never_held()
    {
        var (laptop, phrase) = Profiles.Create("alice-laptop", _direct.NextSeed());
        var bob = _direct.Create("bob");
        await DirectClients.AgreeAsync(laptop, bob);
        await _direct.StartAsync(laptop, bob);
        var texts = new[] { "first", "second", "third" };
        foreach (var text in texts)
        {
            var sent = laptop.Conversations.Send(bob.AccountId, text, null, out _)!;
            await laptop.OutboxRunner.SendDueAsync(Token);
            Assert.Equal(MessagePath.Direct, laptop.Direct.PathOf(sent.Id)); // never in the swarm
            await Task.Delay(2, Token); // a message's identity includes its sent time
        }
        await bob.Direct.DisposeAsync(); // only the laptop can answer now

        var phone = await LinkAsync(laptop, phrase, "alice-phone");
        await phone.DisposeAsync(); // the profile is the CLI's now

        var dht = (await _direct.DhtAsync()).SelectMany(b => new[] { "--dht-bootstrap", b }).ToArray();
        var (code, stdout, stderr) = await WispProcess.RunAsync(
            Profiles.Args(["history", "restore", "--profile", "alice-phone", "--wait", "20", "--json", .. dht]));
        Assert.True(code == 0, stderr);
        var report = JsonDocument.Parse(stdout).RootElement;
        Assert.True(report.GetProperty("devices_reached").EnumerateArray().Select(d => d.GetString()).SequenceEqual([laptop.Devices.OwnDeviceId]), stdout);
        Assert.Equal(0, report.GetProperty("devices_missed").GetArrayLength());
        Assert.Equal(3, report.GetProperty("imported").GetInt32());
        Assert.Equal(0, report.GetProperty("refused").GetArrayLength());

        phone = Profiles.Reopen("alice-phone", _direct.NextSeed());
        var history = phone.Conversations.History(bob.AccountId);
        Assert.Equal(texts, history.Select(m => m.Body));
        Assert.All(history, m => Assert.Equal(Client.Conversations.MessageDirection.Out, m.Direction));
    }

    [Fact]
    public async Task A_tampered_entry_in_the_own_devices_replica_is_refused_and_nothing_of_its_range_is_kept()
    {
        var (laptop, phrase) = Profiles.Create("alice-laptop", _direct.NextSeed());
        var bob = _direct.Create("bob");
        await DirectClients.AgreeAsync(bob, laptop);
        await _direct.StartAsync(laptop, bob);
        laptop.Conversations.Accept(bob.AccountId);
        foreach (var text in new[] { "one", "two", "three" })
        {
            var sent = bob.Conversations.Send(laptop.AccountId, text, null, out _)!;
            await bob.OutboxRunner.SendDueAsync(Token);
            Assert.Equal(MessagePath.Direct, bob.Direct.PathOf(sent.Id));
            await Task.Delay(2, Token);
        }
        // The laptop keeps a replica of Bob's signed log; then one entry of it is altered on its disk.
        var replicated = await laptop.History.RestoreAsync(null, TimeSpan.FromSeconds(20), Token);
        Assert.Equal([bob.AccountId], replicated.Reached);
        var store = new HistoryStore(laptop.Data.Local);
        var replica = store.List().Single(l => !l.Own && l.Owner == bob.AccountId);
        Assert.Equal(3UL, replica.Length);
        var block = store.Block(replica.LogId, 1)!;
        block[^1] ^= 0x01;
        lock (store.Db.Gate)
            store.PutBlock(replica.LogId, 1, block);
        await bob.Direct.DisposeAsync(); // only the laptop's copy is left to ask

        var phone = await LinkAsync(laptop, phrase, "alice-phone");
        Assert.Null(await phone.EnableDirectAsync(await _direct.DhtAsync(), Token, forOwnDevices: true));
        var result = await phone.History.RestoreAsync(null, TimeSpan.FromSeconds(20), Token);

        Assert.Equal([laptop.Devices.OwnDeviceId], result.DevicesReached);
        Assert.Contains(result.Refused, r => r.Reason.Contains("a range refused", StringComparison.Ordinal));
        var held = phone.History.Logs().Single(l => l.Owner == bob.AccountId);
        Assert.Equal((0UL, 3UL, 3UL), (held.Length, held.SignedLength, held.Gap)); // the signed head is known, no block kept
        Assert.Equal(0, result.Imported.Imported);
        Assert.DoesNotContain(phone.Conversations.History(bob.AccountId), m => m.Body is "one" or "two" or "three");
    }

    /// <summary>A second device of the account from <paramref name="phrase"/>, linked into the laptop's device group.</summary>
    private async Task<WispClient> LinkAsync(WispClient laptop, string phrase, string profile)
    {
        Assert.Null(await laptop.Devices.SyncAsync(Token)); // the group message with the laptop's record (and its direct key)
        var phone = Profiles.Restore(profile, phrase, _direct.NextSeed());
        var (request, linkError) = await phone.Devices.RequestLinkAsync(null, Token);
        Assert.True(request is not null, linkError);
        LinkRequestView? seen = null;
        await Eventually.TrueAsync(async () =>
        {
            Assert.Null(await laptop.Devices.SyncAsync(Token));
            seen = laptop.Devices.Requests().SingleOrDefault();
            return seen is not null;
        }, "the laptop sees the phone's link request");
        Assert.True((await laptop.Devices.AcceptAsync(seen!.Id, Token)).Ok);
        await Eventually.TrueAsync(async () =>
        {
            Assert.Null(await phone.Devices.SyncAsync(Token));
            return phone.Devices.OutgoingLink() is { Admitted: true };
        }, "the phone holds its admission");
        Assert.True(phone.Devices.ConfirmLink().Ok);
        Assert.Equal(DeviceMembership.InGroup, phone.Devices.Membership);
        Assert.True(phone.Direct.HasOwnDevicesToAsk); // the laptop's record carries its direct key
        return phone;
    }
}
