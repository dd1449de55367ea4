using Wisp.Client.Account;
using Wisp.Client.Devices;
using Wisp.Client.Tests.Support;
using Wisp.Protocol.Devices;

namespace Wisp.Client.Tests.Devices;

/// <summary>Device groups offline: who founds a group, what a member's own group message holds, what removal refuses.</summary>
public sealed class ClientDevicesTests : IAsyncDisposable
{
    private readonly TempHome _home = new();
    private readonly List<WispClient> _clients = [];

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        _home.Dispose();
    }

    private (WispClient Client, string Phrase) Create(string name)
    {
        Assert.True(AccountVault.Create(_home.Home, ProfileName.Parse(name), passphrase: null).TryGet(out var created, out var error), error?.Message);
        var client = WispClient.Over(created.Account, TimeProvider.System);
        _clients.Add(client);
        return (client, created.RecoveryPhrase);
    }

    private WispClient Restore(string name, string phrase)
    {
        Assert.True(AccountVault.Restore(_home.Home, ProfileName.Parse(name), phrase, passphrase: null).TryGet(out var restored, out var error), error?.Message);
        var client = WispClient.Over(restored.Account, TimeProvider.System);
        _clients.Add(client);
        return client;
    }

    [Fact]
    public void A_new_account_founds_its_group_and_a_restored_one_does_not_and_does_not_publish()
    {
        var (laptop, phrase) = Create("laptop");
        Assert.Equal(DeviceMembership.InGroup, laptop.Devices.Membership);
        var only = Assert.Single(laptop.Devices.List());
        Assert.True(only.IsThisDevice);
        Assert.Equal(laptop.Devices.OwnDeviceId, only.Id);
        Assert.Equal("CLI", only.Type);
        Assert.True(laptop.Keys.Publishing);

        var phone = Restore("phone", phrase);
        Assert.Equal(DeviceMembership.NoGroup, phone.Devices.Membership);
        Assert.Empty(phone.Devices.List());
        Assert.NotEqual(laptop.Devices.OwnDeviceId, phone.Devices.OwnDeviceId);
        Assert.False(phone.Keys.Publishing); // its account key is not the group's: it must not be published
    }

    [Fact]
    public void A_members_group_message_carries_its_record_and_the_current_account_key_and_opens_with_its_device_key()
    {
        var (laptop, _) = Create("laptop");
        var engine = new DeviceGroupEngine(laptop.Devices.State);
        var message = DeviceGroupMessage.TryDecode(engine.BuildMessage(), laptop.Devices.State.Account.PublicKey, out var error);
        Assert.True(message is not null, error);
        using var current = laptop.Keys.Ring.Current()!.Expand();
        Assert.Equal(current.X25519.PublicKey.Span.ToArray(), message.LinkX25519);
        using var keys = new KeySet(laptop.Devices.State.Devices.Keys());
        var payload = DeviceGroupPayload.TryDecode(DeviceGroupSealer.TryOpen(message, keys.All), out _)!;
        Assert.Equal(laptop.Devices.OwnDeviceId, Assert.Single(payload.Devices).Record!.IdHex);
        Assert.Equal(laptop.Keys.Ring.Current()!.Seed, payload.AccountKeys[0].Seed);
        Assert.Null(payload.AccountKeys[0].Rotated);
    }

    [Fact]
    public async Task Removing_refuses_this_device_and_unknown_ids_and_a_request_that_does_not_exist()
    {
        var (laptop, _) = Create("laptop");
        var self = await laptop.Devices.RemoveAsync(laptop.Devices.OwnDeviceId, TestContext.Current.CancellationToken);
        // Not connected: the sync before the change is what fails first.
        Assert.False(self.Ok);
        var linking = new DeviceLinking(laptop.Devices.State);
        Assert.Contains("cannot remove itself", linking.Remove(laptop.Devices.OwnDeviceId).Error, StringComparison.Ordinal);
        Assert.Contains("no device in the group", linking.Remove("ffff").Error, StringComparison.Ordinal);
        Assert.Contains("no pending link request", linking.Accept(42).Error, StringComparison.Ordinal);
        Assert.Contains("no pending link request", linking.Deny(42).Error, StringComparison.Ordinal);
    }
}
