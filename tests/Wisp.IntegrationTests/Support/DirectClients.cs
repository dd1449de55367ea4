using System.Net;
using System.Net.Sockets;
using Wisp.Client;
using Wisp.Client.Direct;
using Wisp.Dht;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Support;

/// <summary>
/// Clients in direct mode on a test network: profiles in a home of their own (<see cref="Profiles"/>), a small DHT of
/// three persistent nodes on loopback UDP (started on first use; the clients bootstrap from it as from
/// <c>--dht-bootstrap</c>), direct mode agreed both ways through the swarm, and real <c>DirectEndpoint</c>s running.
/// Seeds for the swarm clients count up from the one given, so classes sharing a network do not collide.
/// </summary>
internal sealed class DirectClients(LocalNetworkFixture network, int firstSeed) : IAsyncDisposable
{
    private readonly List<DhtNode> _dht = [];
    private string[]? _bootstrap;
    private int _seed = firstSeed;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>The profiles the clients live in.</summary>
    public TestProfiles Profiles { get; } = new(network);

    /// <summary>The next swarm-client seed.</summary>
    public int NextSeed() => ++_seed;

    public async ValueTask DisposeAsync()
    {
        await Profiles.DisposeAsync();
        foreach (var node in _dht)
            await node.DisposeAsync();
    }

    /// <summary>A new account, connected (direct mode not yet on).</summary>
    public WispClient Create(string name) => Profiles.Create(name, NextSeed()).Client;

    /// <summary>Two new accounts in direct mode with each other, both listening: <see cref="AgreeAsync"/> then <see cref="StartAsync"/>.</summary>
    public async Task<(WispClient Alice, WispClient Bob)> PairAsync(string alice = "alice", string bob = "bob")
    {
        var pair = (Create(alice), Create(bob));
        await AgreeAsync(pair.Item1, pair.Item2);
        await StartAsync(pair.Item1, pair.Item2);
        return pair;
    }

    /// <summary>
    /// Direct mode turned on by <paramref name="alice"/>, seen and turned on by <paramref name="bob"/>, whose answer
    /// alice sees; bob accepts alice's conversation (so her messages are not requests).
    /// </summary>
    public static async Task AgreeAsync(WispClient alice, WispClient bob)
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
    }

    /// <summary>Starts the direct path (a real endpoint on the DHT) on each client.</summary>
    public async Task StartAsync(params WispClient[] clients)
    {
        var bootstrap = await DhtAsync();
        foreach (var client in clients)
            Assert.Null(await client.EnableDirectAsync(bootstrap, Token));
        Assert.All(clients, c => Assert.True(c.Direct.Running));
    }

    /// <summary>Waits until <paramref name="from"/> has a live session with <paramref name="to"/> (opening one if need be).</summary>
    public static async Task LiveAsync(WispClient from, WispClient to) =>
        await Eventually.TrueAsync(async () =>
        {
            from.Direct.Sessions!.ForgetFailure(to.AccountId);
            return await from.Direct.Sessions.EnsureAsync(to.AccountId, Token) is not null;
        }, "a live session");

    /// <summary>The DHT's addresses as <c>--dht-bootstrap</c> takes them (three persistent nodes, started once).</summary>
    public async Task<string[]> DhtAsync()
    {
        if (_bootstrap is not null)
            return _bootstrap;
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
        return _bootstrap = [.. addresses.Select(a => a.ToString())];
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
