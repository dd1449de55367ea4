using Wisp.Client;
using Wisp.Client.Devices;
using Wisp.Client.Keys;
using Wisp.IntegrationTests.Support;
using Wisp.Protocol.Devices;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Devices;

/// <summary>
/// Device groups end to end on a network of real node processes: a second device of one account (a profile restored
/// from the same recovery phrase) links with matching emoji on both sides, a message to the account reaches both, and a
/// removed device is locked out of the next group message and of v2 messages sent after the removal.
/// </summary>
[Collection(DeviceCollection.Name)]
public sealed class DeviceGroupTests(DeviceNetwork network) : IAsyncDisposable
{
    private readonly TestProfiles _profiles = new(network);

    public ValueTask DisposeAsync() => _profiles.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_second_device_links_reads_the_account_and_once_removed_reads_nothing_more()
    {
        var (laptop, phrase) = _profiles.Create("alice-laptop", seed: 1);
        Assert.Equal(DeviceMembership.InGroup, laptop.Devices.Membership);
        Assert.Null(await laptop.Devices.SyncAsync(Token)); // the founding group message goes to namespace 21
        var phone = _profiles.Restore("alice-phone", phrase, seed: 2);
        Assert.Equal(phone.AccountId, laptop.AccountId);
        Assert.NotEqual(DeviceMembership.InGroup, phone.Devices.Membership);

        // The phone asks; the laptop sees the request with the same emoji; the user accepts there and confirms here.
        var (request, linkError) = await phone.Devices.RequestLinkAsync(null, Token);
        Assert.True(request is not null, linkError);
        Assert.Equal(DeviceMembership.Waiting, phone.Devices.Membership);
        LinkRequestView? seen = null;
        await Eventually.TrueAsync(async () =>
        {
            Assert.Null(await laptop.Devices.SyncAsync(Token));
            seen = laptop.Devices.Requests().SingleOrDefault();
            return seen is not null;
        }, "the laptop sees the phone's link request");
        Assert.Equal(request.Sas, seen!.Sas);
        Assert.Equal(phone.Devices.OwnDeviceId, seen.DeviceId);
        var accepted = await laptop.Devices.AcceptAsync(seen.Id, Token);
        Assert.True(accepted.Ok, accepted.Error);

        await Eventually.TrueAsync(async () =>
        {
            Assert.Null(await phone.Devices.SyncAsync(Token));
            return phone.Devices.OutgoingLink() is { Admitted: true };
        }, "the phone holds its admission");
        Assert.Equal(DeviceMembership.Waiting, phone.Devices.Membership); // not joined until its user confirms the emoji
        Assert.True(phone.Devices.ConfirmLink().Ok);
        Assert.Equal(DeviceMembership.InGroup, phone.Devices.Membership);
        Assert.Equal(2, phone.Devices.List().Count(d => d.State == DeviceListState.Registered));
        Assert.Equal(laptop.Keys.Ring.Current()!.Seed, phone.Keys.Ring.Current()!.Seed); // one account key on both

        // Bob writes to the account once: both devices read it, forward-secret (v2, to the shared account key).
        var (bob, _) = _profiles.Create("bob", seed: 3);
        Assert.Null(await laptop.Keys.UpkeepAsync(Token)); // publishes the account's current key (namespace -21)
        await SendAsync(bob, laptop, "hello alice");
        foreach (var device in new[] { laptop, phone })
        {
            var message = await ArrivesAsync(device, bob, "hello alice");
            Assert.Equal(MessageSealing.V2, message.Sealing);
        }

        // The laptop removes the phone: a tombstone and a new account key, pushed together.
        var phoneKeys = phone.Keys.Ring.All().Select(k => Convert.ToHexString(k.Seed)).ToHashSet();
        var removed = await laptop.Devices.RemoveAsync(phone.Devices.OwnDeviceId, Token);
        Assert.True(removed.Ok, removed.Error);
        Assert.DoesNotContain(Convert.ToHexString(laptop.Keys.Ring.Current()!.Seed), phoneKeys);
        await Eventually.TrueAsync(async () =>
        {
            await phone.Devices.SyncAsync(Token);
            return phone.Devices.Membership == DeviceMembership.Removed;
        }, "the phone finds itself removed (the kicked list names it)");

        // At the byte level: the newest group message opens with the laptop's device keys, not with any the phone holds.
        var stored = await LatestGroupMessageAsync(laptop);
        var message2 = DeviceGroupMessage.TryDecode(stored, laptop.Devices.State.Account.PublicKey, out var error);
        Assert.True(message2 is not null, error);
        using (var laptopKeys = new KeySet(laptop.Devices.State.Devices.Keys()))
            Assert.NotNull(DeviceGroupSealer.TryOpen(message2, laptopKeys.All));
        using (var phoneDeviceKeys = new KeySet(phone.Devices.State.Devices.Keys()))
            Assert.Null(DeviceGroupSealer.TryOpen(message2, phoneDeviceKeys.All));

        // A v2 message sent after the removal, to the new account key: the laptop reads it, the phone cannot.
        Assert.Null(await laptop.Keys.UpkeepAsync(Token));
        await bob.Keys.RefreshAsync(laptop.AccountId, Token);
        await SendAsync(bob, laptop, "after the phone was removed");
        Assert.Equal(MessageSealing.V2, (await ArrivesAsync(laptop, bob, "after the phone was removed")).Sealing);
        Assert.Null(await phone.FetchAsync(Token));
        Assert.DoesNotContain(phone.Conversations.History(bob.AccountId), m => m.Body == "after the phone was removed");
        Assert.DoesNotContain(Convert.ToHexString(laptop.Keys.Ring.Current()!.Seed), phone.Keys.Ring.All().Select(k => Convert.ToHexString(k.Seed)));
    }

    private static async Task SendAsync(WispClient from, WispClient to, string text)
    {
        Assert.NotNull(from.Conversations.Send(to.AccountId, text, null, out var error));
        Assert.Null(error);
        await Eventually.TrueAsync(async () =>
        {
            await from.OutboxRunner.SendDueAsync(Token);
            return from.Conversations.History(to.AccountId).Any(m => m.Body == text && m.Status is Client.Conversations.MessageStatus.Sent);
        }, $"'{text}' is stored");
    }

    private static async Task<Client.Conversations.MessageView> ArrivesAsync(WispClient device, WispClient from, string text)
    {
        Client.Conversations.MessageView? found = null;
        await Eventually.TrueAsync(async () =>
        {
            await device.FetchAsync(Token);
            found = device.Conversations.History(from.AccountId).FirstOrDefault(m => m.Body == text);
            return found is not null;
        }, $"'{text}' arrives at {device.Profile}");
        return found!;
    }

    private async Task<byte[]> LatestGroupMessageAsync(WispClient device)
    {
        var swarm = _profiles.Swarm(seed: 9);
        var retrieved = await swarm.RetrieveAsync(device.Devices.State.Account, DeviceGroupLimits.Namespace, null, Token);
        Assert.True(retrieved.Ok, retrieved.Error?.Message);
        return retrieved.Value!.Messages.Last(m => DeviceGroupMessage.KindOf(m.Data) == "G").Data;
    }
}
