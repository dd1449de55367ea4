using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Wisp.Client;
using Wisp.Client.Direct;
using Wisp.Dht;
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
    private readonly TestProfiles _profiles = new(network);
    private readonly List<DhtNode> _dht = [];
    private int _seed = 900;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _profiles.DisposeAsync();
        foreach (var node in _dht)
            await node.DisposeAsync();
    }

    [Fact]
    public async Task A_new_device_restores_messages_only_its_contacts_signed_replica_holds_once_and_in_order()
    {
        var bootstrap = await DhtAsync();
        var (alice, phrase) = _profiles.Create("alice", ++_seed);
        var bob = _profiles.Open("bob", ++_seed);
        await BothOnAsync(alice, bob, bootstrap);

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
        var phone = _profiles.Restore("alice-phone", phrase, ++_seed);
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
            _profiles.Args(["history", "restore", "--profile", "alice-phone", "--wait", "30", "--json", .. dht]));
        Assert.True(code == 0, stderr);
        var report = JsonDocument.Parse(stdout).RootElement;
        Assert.True(report.GetProperty("reached").EnumerateArray().Select(p => p.GetString()).SequenceEqual([bob.AccountId.Hex]), stdout);
        Assert.Equal(3, report.GetProperty("imported").GetInt32());

        phone = _profiles.Reopen("alice-phone", ++_seed);
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

    private static async Task BothOnAsync(WispClient alice, WispClient bob, string[] bootstrap)
    {
        Assert.Null(await alice.Direct.SetAsync(bob.AccountId, on: true, Token));
        await Eventually.TrueAsync(async () =>
        {
            await bob.FetchAsync(Token);
            return bob.Direct.Get(alice.AccountId).State == DirectState.Requested;
        }, "bob sees alice's request");
        Assert.Null(await bob.Direct.SetAsync(alice.AccountId, on: true, Token));
        await Eventually.TrueAsync(async () =>
        {
            await alice.FetchAsync(Token);
            return alice.Direct.Get(bob.AccountId).State == DirectState.On;
        }, "alice sees bob's answer");
        bob.Conversations.Accept(alice.AccountId);
        Assert.Null(await alice.EnableDirectAsync(bootstrap, Token));
        Assert.Null(await bob.EnableDirectAsync(bootstrap, Token));
    }

    /// <summary>Three persistent DHT nodes on loopback, as in the direct-mode tests; addresses as <c>--dht-bootstrap</c> takes them.</summary>
    private async Task<string[]> DhtAsync()
    {
        var addresses = new List<IPEndPoint>();
        for (var i = 0; i < 3; i++)
        {
            var address = new IPEndPoint(IPAddress.Loopback, FreeUdpPort());
            var node = DhtNode.BindUdp(address, new DhtOptions { Persistent = true, PublicEndPoint = address, Bootstrap = [.. addresses] });
            _dht.Add(node);
            if (addresses.Count > 0)
                await node.BootstrapAsync(Token);
            addresses.Add(address);
        }
        return [.. addresses.Select(a => a.ToString())];
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

}
