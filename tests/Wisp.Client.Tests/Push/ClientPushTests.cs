using Wisp.Client.Account;
using Wisp.Client.Push;
using Wisp.Client.Tests.Support;
using Wisp.Crypto;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Push;

namespace Wisp.Client.Tests.Push;

/// <summary>The client's push registrations (migration 14) and the decryption of what a push server sends.</summary>
public sealed class ClientPushTests : IAsyncDisposable
{
    private const string Endpoint = "https://up.example/abc";
    private readonly TempHome _home = new();
    private readonly WispClient _client;

    public ClientPushTests()
    {
        Assert.True(AccountVault.Create(_home.Home, ProfileName.Parse("alice"), passphrase: null).TryGet(out var created, out var error), error?.Message);
        _client = WispClient.Over(created.Account, TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        _home.Dispose();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void A_notification_sealed_under_a_kept_key_opens_to_its_account_namespace_and_hash()
    {
        var key = Keep(Endpoint);
        var data = new byte[] { 1, 2, 3 };
        var content = NotificationContent.For(_client.AccountId.Hex, "hash123", 0, 1_750_000_000_000, 1_751_000_000_000, wantData: true, data);
        var payload = NotificationPayload.Seal(key, RandomBytes.Get(NotificationPayload.NonceBytes), content);

        Assert.True(_client.Push.TryOpen(payload, out var notice));
        Assert.Equal((_client.AccountId, 0, "hash123", 1_750_000_000_000L), (notice.Account, notice.Namespace, notice.Hash, notice.TimestampMs));
        Assert.Equal(data, notice.Data);
        Assert.False(notice.DataTooLong);
    }

    [Fact]
    public void A_notification_under_another_key_or_damaged_does_not_open()
    {
        var key = Keep(Endpoint);
        var content = NotificationContent.For(_client.AccountId.Hex, "hash123", 0, 1, 2, wantData: false, null);
        var foreign = NotificationPayload.Seal(RandomBytes.Get(32), RandomBytes.Get(NotificationPayload.NonceBytes), content);
        var damaged = NotificationPayload.Seal(key, RandomBytes.Get(NotificationPayload.NonceBytes), content);
        damaged[^1] ^= 1;

        Assert.False(_client.Push.TryOpen(foreign, out _));
        Assert.False(_client.Push.TryOpen(damaged, out _));
        Assert.False(_client.Push.TryOpen(new byte[10], out _));
    }

    [Fact]
    public void The_notification_key_is_kept_encrypted_and_a_removed_registration_opens_nothing()
    {
        var key = Keep(Endpoint);
        var stored = (byte[])_client.Data.Local.Scalar("SELECT enc_key FROM push_registrations")!;
        Assert.DoesNotContain(Convert.ToHexString(key), Convert.ToHexString(stored), StringComparison.Ordinal);
        Assert.Equal(key, _client.Push.EncKeyOf(Endpoint));

        var payload = NotificationPayload.Seal(key, RandomBytes.Get(NotificationPayload.NonceBytes),
            NotificationContent.For(_client.AccountId.Hex, "h", 0, 1, 2, wantData: false, null));
        Assert.True(new PushRegistrationStore(_client.Data.Local).Remove(PushRoutes.UnifiedPush, Endpoint));
        Assert.Empty(_client.Push.Registrations);
        Assert.False(_client.Push.TryOpen(payload, out _));
    }

    [Fact]
    public async Task Registering_needs_a_network_and_a_usable_endpoint()
    {
        var server = new PushServer(new Uri("http://127.0.0.1:1"), Ed25519KeyPair.Generate().X25519PublicKey);
        var notUrl = await _client.Push.RegisterAsync("not a url", server, Token);
        Assert.False(notUrl.Ok);
        Assert.Contains("absolute http or https URL", notUrl.Error, StringComparison.Ordinal);
        var offline = await _client.Push.RegisterAsync(Endpoint, server, Token);
        Assert.False(offline.Ok);
        Assert.Contains("not connected", offline.Error, StringComparison.Ordinal);
        Assert.Empty(_client.Push.Registrations);
    }

    private byte[] Keep(string endpoint)
    {
        var key = RandomBytes.Get(32);
        new PushRegistrationStore(_client.Data.Local).Save(
            new PushRegistration(PushRoutes.UnifiedPush, endpoint, "http://127.0.0.1:1", new string('0', 64), [0], true, 1, 2, null), key);
        return key;
    }
}
