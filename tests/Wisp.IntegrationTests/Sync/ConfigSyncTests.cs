using Wisp.Client;
using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;
using Wisp.IntegrationTests.Support;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Sync;

/// <summary>
/// Devices of one account (profiles restored from one recovery phrase) kept in step through the account's own swarm on
/// a network of real node processes (<c>wisp up</c>): libsession's user configs in namespaces 2–5, and copies of sent
/// messages (Session's syncTarget) in namespace 0.
/// </summary>
[Collection(SharedSevenNodes.Name)]
public sealed class ConfigSyncTests(SevenNodeNetwork network) : IAsyncDisposable
{
    private readonly TestProfiles _profiles = new(network);
    private int _seed;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask DisposeAsync() => _profiles.DisposeAsync();

    [Fact]
    public async Task Contacts_nicknames_blocks_and_the_display_name_edited_on_one_device_appear_on_the_other()
    {
        var (deviceA, phrase) = Create("device-a");
        var deviceB = Restore("device-b", phrase);
        var carol = NewAccountId();
        var dave = NewAccountId();

        Assert.True(deviceA.TrySetDisplayName("Alice", out _));
        Assert.True(deviceA.Contacts.TrySet(carol, "carol", out _));
        Assert.True(deviceA.Contacts.TrySet(dave, "dave", out _));
        deviceA.Conversations.Block(dave);
        Assert.Null(await deviceA.ConfigSync.SyncAsync(Token));

        await SyncUntil(deviceB, () => deviceB.DisplayName == "Alice" && deviceB.Contacts.NicknameOf(carol) == "carol"
            && deviceB.Contacts.Blocked().Any(c => c.AccountId == dave), "device B has A's name, contacts and block");
        Assert.Equal([carol], deviceB.Contacts.List().Select(c => c.AccountId));
        Assert.Equal("dave", deviceB.Contacts.NicknameOf(dave));

        // And back: B renames Carol and unblocks Dave; A removes nothing meanwhile but changes its name.
        Assert.True(deviceB.Contacts.TrySet(carol, "caz", out _));
        Assert.True(deviceB.Contacts.TryUnblock(dave, out _));
        Assert.True(deviceA.TrySetDisplayName("Alice A.", out _));
        Assert.Null(await deviceB.ConfigSync.SyncAsync(Token));
        await SyncUntil(deviceA, () => deviceA.Contacts.NicknameOf(carol) == "caz" && deviceA.Contacts.Blocked().Count == 0,
            "device A has B's nickname and unblock");
        await SyncUntil(deviceB, () => deviceB.DisplayName == "Alice A.", "device B has A's new name");
        Assert.Equal("Alice A.", deviceA.DisplayName); // the concurrent edits merged: neither undid the other

        // A removal travels too, and nothing echoes back: a further sync on each changes nothing.
        Assert.True(deviceA.Contacts.Remove(carol));
        Assert.Null(await deviceA.ConfigSync.SyncAsync(Token));
        await SyncUntil(deviceB, () => deviceB.Contacts.NicknameOf(carol) is null, "device B no longer has Carol");
        var applied = 0;
        deviceA.ConfigSync.Applied += () => applied++;
        deviceB.ConfigSync.Applied += () => applied++;
        Assert.Null(await deviceA.ConfigSync.SyncAsync(Token));
        Assert.Null(await deviceB.ConfigSync.SyncAsync(Token));
        Assert.Equal(0, applied);
    }

    [Fact]
    public async Task A_message_sent_from_one_device_appears_on_the_other_as_sent_exactly_once()
    {
        var (deviceA, phrase) = Create("sender-a");
        var deviceB = Restore("sender-b", phrase);
        var (carol, _) = Create("carol");

        Assert.NotNull(deviceA.Conversations.Send(carol.AccountId, "hello from A", "Alice", out _));
        await deviceA.OutboxRunner.SendDueAsync(Token);
        Assert.Null(await deviceA.ConfigSync.SyncAsync(Token)); // stores the copy in the account's own swarm

        await Eventually.TrueAsync(async () =>
        {
            await deviceB.Poller.PollOnceAsync(TimeSpan.Zero, Token);
            return deviceB.Conversations.History(carol.AccountId).Count > 0;
        }, "the copy at device B");
        var atB = Assert.Single(deviceB.Conversations.History(carol.AccountId));
        Assert.Equal(("hello from A", MessageDirection.Out, MessageStatus.Sent), (atB.Body, atB.Direction, atB.Status));

        // The sending device reads its own copy back and keeps one message; Carol gets the message, not the copy.
        await deviceA.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Single(deviceA.Conversations.History(carol.AccountId));
        await Eventually.TrueAsync(async () =>
        {
            await carol.Poller.PollOnceAsync(TimeSpan.Zero, Token);
            return carol.Conversations.History(deviceA.AccountId).Count > 0;
        }, "the message at Carol");
        Assert.Equal("hello from A", Assert.Single(carol.Conversations.History(deviceA.AccountId)).Body);
        await deviceB.Poller.PollOnceAsync(TimeSpan.Zero, Token);
        Assert.Single(deviceB.Conversations.History(carol.AccountId));
    }

    [Fact]
    public async Task A_newly_restored_device_gets_contacts_and_settings_back()
    {
        var (deviceA, phrase) = Create("first");
        var carol = NewAccountId();
        var erin = NewAccountId();
        Assert.True(deviceA.TrySetDisplayName("Alice", out _));
        Assert.True(deviceA.Contacts.TrySet(carol, "carol", out _));
        Assert.NotNull(deviceA.Conversations.SetDisappearing(carol, TimeSpan.FromHours(1), out _));
        deviceA.Conversations.Block(erin);
        Assert.Null(await deviceA.ConfigSync.SyncAsync(Token));

        var restored = Restore("restored", phrase);
        await SyncUntil(restored, () => restored.Contacts.NicknameOf(carol) == "carol"
            && restored.Conversations.Find(carol)?.Settings.DisappearAfter == TimeSpan.FromHours(1)
            && restored.Conversations.Find(erin)?.State == ConversationState.Blocked
            && restored.DisplayName == "Alice", "the restored device has everything");
    }

    private async Task SyncUntil(WispClient device, Func<bool> condition, string what) =>
        await Eventually.TrueAsync(async () =>
        {
            // Replication to the node the device asks may lag a store: sync again until it has arrived.
            Assert.Null(await device.ConfigSync.SyncAsync(Token));
            return condition();
        }, what, TimeSpan.FromSeconds(60));

    private static AccountId NewAccountId()
    {
        using var keys = Ed25519KeyPair.Generate();
        return keys.AccountId;
    }

    private (WispClient Client, string Phrase) Create(string name) => _profiles.Create(name, ++_seed);

    private WispClient Restore(string name, string phrase) => _profiles.Restore(name, phrase, ++_seed);
}
