using System.Globalization;
using System.Text;
using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Client.Push;
using Wisp.Crypto.Keys;
using Wisp.IntegrationTests.Support;
using Wisp.Protocol.Push;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Push;

/// <summary>
/// Notifications end to end on a network of real processes (<c>wisp up</c>: nodes and the push server): a client
/// registers a UnifiedPush endpoint through an onion request, a message is stored in its swarm, and the push server
/// POSTs the encrypted notification to the endpoint (a Kestrel receiver in the test), which decrypts it to the stored
/// message's hash. Also: a push server restart loses nothing, added nodes are followed, an unregistered endpoint gets
/// nothing more, and requests with bad signatures are refused.
/// </summary>
public sealed partial class PushTests(PushNetwork network) : IClassFixture<PushNetwork>, IAsyncDisposable
{
    private readonly TempDirectory _home = new();
    private readonly List<WispClient> _clients = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task A_registered_endpoint_gets_the_encrypted_notification_of_a_stored_message()
    {
        var (client, keys) = Account("carol");
        await using var receiver = await UnifiedPushReceiver.StartAsync();
        var endpoint = receiver.Endpoint("carol");

        var registered = await client.Push.RegisterAsync(endpoint, null, Token);
        Assert.True(registered.Ok, registered.Error);
        Assert.True(registered.Changed);
        var kept = Assert.Single(client.Push.Registrations);
        Assert.Equal(endpoint, kept.Endpoint);
        Assert.Equal(TimeSpan.FromDays(14).TotalMilliseconds, kept.ExpiresAtMs - kept.SubscribedAtMs);

        var key = client.Push.EncKeyOf(endpoint)!;
        await WatchedAsync(keys, receiver, "carol", key);
        var data = Encoding.UTF8.GetBytes("a message for carol");
        var hash = await StoreAsync(keys, data);
        var push = await receiver.WaitForAsync("carol", p => HashOf(key, p) == hash, "carol's endpoint gets the notification of the stored message");

        // The payload as SPNS makes it: nonce ‖ XChaCha20-Poly1305 of the bencoded metadata and data, padded to 256.
        Assert.True(NotificationPayload.TryOpen(key, push.Body, out var content));
        Assert.Equal(client.AccountId.Hex, content.Account);
        Assert.Equal(0, content.Namespace);
        Assert.Equal(data, content.Data);
        Assert.Equal(0, (push.Body.Length - NotificationPayload.OverheadBytes) % 256);
        Assert.Equal("high", push.Urgency);
        Assert.True(long.Parse(push.Ttl!, CultureInfo.InvariantCulture) > 0);
        Assert.Equal("application/octet-stream", push.ContentType);

        // The client's own decryption agrees; another key opens nothing.
        Assert.True(client.Push.TryOpen(push.Body, out var notice));
        Assert.Equal((client.AccountId, 0, hash), (notice.Account, notice.Namespace, notice.Hash));
        Assert.False(NotificationPayload.TryOpen(new byte[32], push.Body, out _));

        // Registering again renews the same subscription, with the same key.
        var renewed = await client.Push.RegisterAsync(endpoint, null, Token);
        Assert.True(renewed.Ok, renewed.Error);
        Assert.False(renewed.Changed);
        Assert.Equal(key, client.Push.EncKeyOf(endpoint));
    }

    [Fact]
    public async Task Messages_stored_while_the_push_server_is_down_are_notified_after_it_restarts()
    {
        var (client, keys) = Account("dave");
        await using var receiver = await UnifiedPushReceiver.StartAsync();
        var registered = await client.Push.RegisterAsync(receiver.Endpoint("dave"), null, Token);
        Assert.True(registered.Ok, registered.Error);
        var key = client.Push.EncKeyOf(receiver.Endpoint("dave"))!;
        await WatchedAsync(keys, receiver, "dave", key);
        var before = await StoreAsync(keys, Encoding.UTF8.GetBytes("before the restart"));
        await receiver.WaitForAsync("dave", p => HashOf(key, p) == before, "the first notification");

        var port = network.PushRun().Port;
        await network.StopPushServerAsync();
        var whileDown = new List<string>();
        for (var i = 0; i < 3; i++)
            whileDown.Add(await StoreAsync(keys, Encoding.UTF8.GetBytes($"while the push server is down {i}")));
        await network.StartPushServerAsync(port);

        foreach (var hash in whileDown)
            await receiver.WaitForAsync("dave", p => HashOf(key, p) == hash, $"the notification of {hash}, stored while the push server was down");
        var after = await StoreAsync(keys, Encoding.UTF8.GetBytes("after the restart"));
        await receiver.WaitForAsync("dave", p => HashOf(key, p) == after, "a notification after the restart");
    }

    [Fact]
    public async Task An_unregistered_endpoint_gets_nothing_more_while_a_registered_one_does()
    {
        var (client, keys) = Account("erin");
        await using var receiver = await UnifiedPushReceiver.StartAsync();
        var (gone, kept) = (receiver.Endpoint("erin-gone"), receiver.Endpoint("erin-kept"));
        Assert.True((await client.Push.RegisterAsync(gone, null, Token)).Ok);
        Assert.True((await client.Push.RegisterAsync(kept, null, Token)).Ok);

        var unregistered = await client.Push.UnregisterAsync(gone, Token);
        Assert.True(unregistered.Ok, unregistered.Error);
        Assert.True(unregistered.Changed);
        Assert.Equal([kept], client.Push.Registrations.Select(r => r.Endpoint));
        Assert.False((await client.Push.UnregisterAsync(gone, Token)).Ok); // nothing left to unregister

        var key = client.Push.EncKeyOf(kept)!;
        await WatchedAsync(keys, receiver, "erin-kept", key);
        var hash = await StoreAsync(keys, Encoding.UTF8.GetBytes("only for the kept endpoint"));
        await receiver.WaitForAsync("erin-kept", p => HashOf(key, p) == hash, "the kept endpoint's notification");
        // Both endpoints' notifications for one message leave the server's queue together: the kept one's arrival
        // means the removed one would have had its own by now.
        Assert.Empty(receiver.Received("erin-gone"));
    }

    private (WispClient Client, Ed25519KeyPair Keys) Account(string name)
    {
        var created = AccountVault.Create(WispHome.At(_home.Path), ProfileName.Parse(name), passphrase: null);
        Assert.True(created.TryGet(out var account, out var error), error?.Message);
        var client = WispClient.Over(account.Account, TimeProvider.System);
        _clients.Add(client);
        Assert.True(client.ConnectLocalNetwork(network.Folder, out var problem), problem);
        return (client, account.Account.Keys);
    }

    /// <summary>Stores <paramref name="data"/> for the account at a member of its swarm (namespace 0); returns its hash.</summary>
    private async Task<string> StoreAsync(Ed25519KeyPair keys, byte[] data)
    {
        var node = network.SwarmOf(keys)[0];
        var answer = await network.Client.StoreAsync(node.Url, keys, data, Token);
        Assert.True(answer.Status == 200, answer.Body);
        return answer.Hash!;
    }

    /// <summary>
    /// Stores probes until one is notified at <paramref name="name"/>. A registration takes effect once the push server
    /// has subscribed the account at its swarm's nodes, moments after it answers (as with Session's push server); a
    /// message stored before then reaches the client only through its fetch.
    /// </summary>
    private async Task WatchedAsync(Ed25519KeyPair keys, UnifiedPushReceiver receiver, string name, byte[] key)
    {
        for (var attempt = 1; ; attempt++)
        {
            var probe = await StoreAsync(keys, Encoding.UTF8.GetBytes($"probe {attempt}"));
            var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            while (DateTime.UtcNow < until)
            {
                if (receiver.Received(name).Any(p => HashOf(key, p) == probe))
                    return;
                await Task.Delay(50, Token);
            }
            Assert.True(attempt < 12, $"the push server never notified {name} of a probe");
        }
    }

    private static string? HashOf(byte[] key, ReceivedPush push) =>
        NotificationPayload.TryOpen(key, push.Body, out var content) ? content.Hash : null;
}
