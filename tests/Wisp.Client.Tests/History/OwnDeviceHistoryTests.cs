using Wisp.Client.Account;
using Wisp.Client.Devices;
using Wisp.Client.Direct;
using Wisp.Client.Tests.Direct;
using Wisp.Client.Tests.Polling;
using Wisp.Client.Tests.Support;
using Wisp.Protocol.Devices;

namespace Wisp.Client.Tests.History;

/// <summary>
/// An account's own devices over direct sessions in memory: each publishes its direct key in its device record, they
/// connect by those keys (one session, whoever dialled first), replicate every history log both ways, a restore asks
/// them before contacts, and a message that came direct is passed on to them (or to the account's own swarm).
/// </summary>
public sealed class OwnDeviceHistoryTests : IAsyncDisposable
{
    private const long Start = 1_750_000_000_000;
    private readonly TempHome _home = new();
    private readonly InMemorySwarm _swarm = new(Start);
    private readonly InMemoryDirectNetwork _direct = new();
    private readonly List<WispClient> _clients = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        _home.Dispose();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void A_device_publishes_its_direct_key_in_its_own_record_once_and_owes_a_push()
    {
        var (laptop, _) = Create("laptop");
        var state = laptop.Devices.State;
        var own = state.Devices.Entries()[laptop.Devices.OwnDeviceId].Record!;
        Assert.Equal(laptop.Direct.DeviceKey.Span.ToArray(), own.DirectKey);
        Assert.False(laptop.Devices.PublishDirectKey()); // already there: nothing changes

        // A record from before direct keys (no wd) is rewritten once, with a higher seqno.
        state.Devices.Put(new DeviceEntry(own.Id, DeviceState.Registered, own with { DirectKey = null }, null, null));
        state.Devices.Set("needs_push", 0);
        Assert.True(laptop.Devices.PublishDirectKey());
        var updated = state.Devices.Entries()[laptop.Devices.OwnDeviceId].Record!;
        Assert.Equal(own.DirectKey, updated.DirectKey);
        Assert.True(updated.Seq > own.Seq);
        Assert.True(state.Self().NeedsPush);
    }

    [Fact]
    public async Task Own_devices_connect_by_their_record_keys_keep_one_session_replicate_every_log_both_ways_and_drop_a_removed_one()
    {
        var (laptop, phone, bob) = Account();
        Send(laptop, bob, "from the laptop");
        Send(phone, bob, "from the phone");
        Send(phone, bob, "from the phone again");

        await laptop.Direct.StartAsync(_direct.Endpoint(), Token);
        await phone.Direct.StartAsync(_direct.Endpoint(), Token); // both dial each other at start

        await UntilAsync(() => Replica(laptop, phone) == 2 && Replica(phone, laptop) == 1, "each holds the other's log");
        await UntilAsync(() => laptop.Direct.Sessions!.AllOwn().Count == 1 && phone.Direct.Sessions!.AllOwn().Count == 1, "one session each");
        var (a, b) = (laptop.Direct.Sessions!.AllOwn()[0], phone.Direct.Sessions!.AllOwn()[0]);
        Assert.NotEqual(a.Inbound, b.Inbound); // the same session seen from its two ends
        Assert.True(a.OwnDevice && b.OwnDevice);
        Assert.Equal(laptop.AccountId, a.Peer);
        var shown = Assert.Single(laptop.Direct.Status()!.OwnDeviceSessions); // `wisp p2p status` lists it
        Assert.Equal(phone.Direct.DeviceKey.ToHex(), shown.DirectKey);
        Assert.Empty(laptop.Direct.Status()!.Sessions); // no contact's
        Assert.Empty(laptop.History.Refusals());
        Assert.Empty(phone.History.Refusals());

        // The phone is removed from the group: its session ends, and its key is no longer admitted.
        var phoneId = phone.Devices.OwnDeviceId;
        var entry = laptop.Devices.State.Devices.Entries()[phoneId];
        laptop.Devices.State.Devices.Put(entry with { State = DeviceState.Removed, GoneAt = 1, Digest = null });
        await laptop.Direct.Sessions!.DropStaleOwnAsync();
        Assert.Empty(laptop.Direct.Sessions.AllOwn());
        Assert.False(laptop.Direct.Sessions.IsOwnDevice(phone.Direct.DeviceKey.Span));
        await UntilAsync(() => phone.Direct.Sessions!.AllOwn().Count == 0, "the phone's end closes too");
        Assert.Null(await phone.Direct.Sessions!.EnsureOwnAsync(laptop.Direct.DeviceKey.Span.ToArray(), retryNow: true, Token));
    }

    [Fact]
    public async Task A_restore_asks_the_accounts_own_devices_before_contacts_and_imports_what_they_hold()
    {
        var (laptop, phone, bob) = Account();
        await BothOnAsync(laptop, bob);
        await phone.Poller.PollOnceAsync(TimeSpan.Zero, Token); // the phone sees Bob's side of the agreement, and agrees too
        Assert.Null(await phone.Direct.SetAsync(bob.AccountId, on: true, Token));
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Send(laptop, bob, "sent from the laptop");
        await laptop.Direct.StartAsync(_direct.Endpoint(), Token);
        await bob.Direct.StartAsync(_direct.Endpoint(), Token);
        await phone.Direct.StartAsync(_direct.Endpoint(), Token);

        var lines = new List<string>();
        var result = await phone.History.RestoreAsync(new SyncProgress(lines), TimeSpan.FromSeconds(30), Token);

        Assert.Equal([laptop.Devices.OwnDeviceId], result.DevicesReached);
        Assert.Empty(result.DevicesMissed);
        Assert.Equal([bob.AccountId], result.Reached);
        var ownFirst = lines.FindIndex(l => l.StartsWith("asking own device", StringComparison.Ordinal));
        var contact = lines.FindIndex(l => l.Contains($"asking {bob.AccountId}", StringComparison.Ordinal));
        Assert.True(ownFirst >= 0 && ownFirst < contact, string.Join('\n', lines));
        Assert.Contains("sent from the laptop", phone.Conversations.History(bob.AccountId).Select(m => m.Body));
        Assert.Equal(1, result.Imported.Imported);
    }

    [Fact]
    public async Task A_restore_whose_session_loses_the_tie_break_to_the_other_devices_dial_goes_on_on_the_session_kept()
    {
        var (laptop, phone, bob) = Account();
        Send(laptop, bob, "from the laptop");
        Send(phone, bob, "from the phone");
        // The device with the smaller direct key restores: its own dial is the one the tie-break ends.
        var (restorer, holder) = DirectSessions.OursWins(phone.Direct.DeviceKey.Span, laptop.Direct.DeviceKey.Span) ? (laptop, phone) : (phone, laptop);
        await restorer.Direct.StartAsync(_direct.Endpoint(), Token);
        Assert.Null(await restorer.Direct.Sessions!.EnsureOwnAsync(holder.Direct.DeviceKey.Span.ToArray(), retryNow: true, Token)); // no one listens yet
        _direct.HoldConnects(2, lastFirst: true);
        await holder.Direct.StartAsync(_direct.Endpoint(), Token); // dials the restorer at once: held
        await UntilAsync(() => _direct.HeldConnects == 1, "the holder's dial is held");

        // The restore's dial goes through first and is adopted; the holder's then arrives, wins, and ends it.
        var result = await restorer.History.RestoreAsync(null, TimeSpan.FromSeconds(20), Token);

        Assert.Empty(result.DevicesMissed);
        Assert.Equal([holder.Devices.OwnDeviceId], result.DevicesReached);
        var kept = Assert.Single(restorer.Direct.Sessions!.AllOwn());
        Assert.True(kept.Inbound); // the holder's dial is the session kept
        Assert.Equal(1, Replica(restorer, holder)); // the holder's own log came on it
    }

    [Fact]
    public async Task A_restore_names_an_own_device_without_a_direct_key_as_missed()
    {
        var (laptop, phone, _) = Account();
        var state = laptop.Devices.State;
        var record = state.Devices.Entries()[laptop.Devices.OwnDeviceId].Record!;
        phone.Devices.State.Devices.Put(DeviceEntry.Live(record with { DirectKey = null, Seq = record.Seq + 1 }));
        await phone.Direct.StartAsync(_direct.Endpoint(), Token);

        var result = await phone.History.RestoreAsync(null, TimeSpan.FromSeconds(5), Token);

        var (device, why) = Assert.Single(result.DevicesMissed);
        Assert.Equal(laptop.Devices.OwnDeviceId, device);
        Assert.Contains("no direct key", why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_that_came_direct_reaches_the_other_device_over_its_session_and_else_through_the_own_swarm()
    {
        var (laptop, phone, bob) = Account();
        await BothOnAsync(laptop, bob);
        await laptop.Direct.StartAsync(_direct.Endpoint(), Token);
        await bob.Direct.StartAsync(_direct.Endpoint(), Token);
        await phone.Direct.StartAsync(_direct.Endpoint(), Token);
        await UntilAsync(() => laptop.Direct.Sessions!.AllOwn().Count == 1, "the own session");
        var inSwarm = _swarm.Count(laptop.AccountId);

        var first = bob.Conversations.Send(laptop.AccountId, "to both devices", null, out _)!;
        await bob.OutboxRunner.SendDueAsync(Token);
        Assert.Equal(MessagePath.Direct, bob.Direct.PathOf(first.Id));
        await UntilAsync(() => phone.Conversations.History(bob.AccountId).Any(m => m.Body == "to both devices"), "the phone has it over its session");
        // The phone stores it before it acks: the phone goes offline only once the laptop has the ack, else the laptop
        // rightly puts the unacked message in the account's swarm too.
        await UntilAsync(() => laptop.Direct.Sessions!.AllOwn().All(s => s.Unacked == 0), "the laptop has the phone's ack");
        Assert.Equal(inSwarm, _swarm.Count(laptop.AccountId)); // acked by the phone: the swarm never held it

        await phone.Direct.DisposeAsync(); // the phone goes offline
        var second = bob.Conversations.Send(laptop.AccountId, "while the phone is away", null, out _)!;
        await bob.OutboxRunner.SendDueAsync(Token);
        Assert.Equal(MessagePath.Direct, bob.Direct.PathOf(second.Id));
        await UntilAsync(() => _swarm.Count(laptop.AccountId) == inSwarm + 1, "the laptop put it in the account's own swarm");
        await phone.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        await laptop.Poller.PollOnceAsync(TimeSpan.Zero, Token);

        Assert.Equal(["to both devices", "while the phone is away"], phone.Conversations.History(bob.AccountId).Select(m => m.Body));
        Assert.Equal(["to both devices", "while the phone is away"], laptop.Conversations.History(bob.AccountId).Select(m => m.Body));
    }

    private static int Replica(WispClient holder, WispClient writer)
    {
        var ids = writer.History.Logs().Where(l => l.Own).Select(l => l.LogId).ToHashSet();
        return (int)holder.History.Logs().Where(l => !l.Own && ids.Contains(l.LogId)).Sum(l => (long)l.Length);
    }

    private void Send(WispClient from, WispClient to, string text)
    {
        _swarm.Now += 1_000; // a message's identity includes its sent time
        Assert.NotNull(from.Conversations.Send(to.AccountId, text, null, out _));
    }

    private async Task BothOnAsync(WispClient alice, WispClient bob)
    {
        Assert.Null(await alice.Direct.SetAsync(bob.AccountId, on: true, Token));
        await bob.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Null(await bob.Direct.SetAsync(alice.AccountId, on: true, Token));
        await alice.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        bob.Conversations.Accept(alice.AccountId);
    }

    /// <summary>Alice's laptop, her phone (the same account, linked in one device group), and Bob.</summary>
    private (WispClient Laptop, WispClient Phone, WispClient Bob) Account()
    {
        var (laptop, phrase) = Create("laptop");
        Assert.True(AccountVault.Restore(_home.Home, ProfileName.Parse("phone"), phrase, passphrase: null).TryGet(out var restored, out var error), error?.Message);
        var phone = WispClient.Over(restored.Account, TimeProvider.System);
        phone.Connect(_swarm);
        _clients.Add(phone);
        Link(laptop, phone);
        return (laptop, phone, Create("bob").Client);
    }

    // The device group's outcome without its swarm round trips (those are the device tests'): the phone joins the
    // laptop's group, and each holds the other's record as a group message would carry it.
    private static void Link(WispClient laptop, WispClient phone)
    {
        var state = phone.Devices.State;
        state.Devices.Set("group_id", laptop.Devices.State.Self().GroupId);
        state.Devices.Set("joined", 1);
        DeviceRecord phoneRecord;
        using (var keys = new KeySet(state.Devices.Keys()))
            phoneRecord = state.OwnRecord(state.Self(), keys.Current, 1, state.NowSeconds());
        state.Devices.Put(new DeviceEntry(phoneRecord.Id, DeviceState.Registered, phoneRecord, null, null));
        var laptopRecord = laptop.Devices.State.Devices.Entries()[laptop.Devices.OwnDeviceId].Record!;
        state.Devices.Put(DeviceEntry.Live(laptopRecord));
        laptop.Devices.State.Devices.Put(DeviceEntry.Live(phoneRecord));
        Assert.NotNull(phoneRecord.DirectKey);
        Assert.NotNull(laptopRecord.DirectKey);
    }

    private (WispClient Client, string Phrase) Create(string name)
    {
        Assert.True(AccountVault.Create(_home.Home, ProfileName.Parse(name), passphrase: null).TryGet(out var created, out var error), error?.Message);
        var client = WispClient.Over(created.Account, TimeProvider.System);
        client.Connect(_swarm);
        _clients.Add(client);
        return (client, created.RecoveryPhrase);
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20); !condition();)
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for: {what}");
            await Task.Delay(20, Token);
        }
    }

    private sealed class SyncProgress(List<string> lines) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (lines)
                lines.Add(value);
        }
    }
}
