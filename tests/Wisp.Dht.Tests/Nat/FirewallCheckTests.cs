using System.Net;
using Wisp.Dht.Transport;

namespace Wisp.Dht.Tests.Nat;

/// <summary>
/// The reachability check (PING_NAT answered from a node's second socket): a socket is reachable only when a datagram
/// it never asked for gets through, not merely because nodes see it at its own address.
/// </summary>
public sealed class FirewallCheckTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task AnUnfilteredSocket_IsReachable_WhenANodeAnswersFromItsSecondSocket()
    {
        using var cts = new CancellationTokenSource(Generous);
        await using var dht = await SimulatedDht.StartAsync(5, seed: 61, cancellationToken: cts.Token, natCheck: true);
        var client = await dht.ClientAsync(cts.Token);

        Assert.True(client.Firewalled);
        Assert.True(await client.CheckFirewallAsync(cts.Token));
        Assert.False(client.Firewalled);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task ASocketThatDropsStrangers_StaysFirewalled_ThoughNodesSeeItAtItsOwnAddress()
    {
        using var cts = new CancellationTokenSource(Generous);
        await using var dht = await SimulatedDht.StartAsync(5, seed: 62, cancellationToken: cts.Token, natCheck: true);
        var client = await dht.ClientAsync(cts.Token, dropsStrangers: true);

        Assert.Equal(client.Transport.LocalEndPoint, client.PublicEndPoint); // no NAT: seen at its own address and port
        Assert.False(await client.CheckFirewallAsync(cts.Token));
        Assert.True(client.Firewalled);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task NodesWithoutASecondSocket_LeavePingNatUnanswered()
    {
        using var cts = new CancellationTokenSource(Generous);
        await using var dht = await SimulatedDht.StartAsync(5, seed: 63, cancellationToken: cts.Token);
        var client = await dht.ClientAsync(cts.Token);

        // A reply from the socket the client wrote to would pass any filter, so it is never sent.
        Assert.False(await client.CheckFirewallAsync(cts.Token));
        Assert.True(client.Firewalled);
        await client.DisposeAsync();
    }

    [Fact]
    public async Task OnLoopbackUdp_ABoundPersistentNode_AnswersFromItsOwnSecondSocket()
    {
        using var cts = new CancellationTokenSource(Generous);
        await using var first = DhtNode.BindUdp(new IPEndPoint(IPAddress.Loopback, 0), new DhtOptions { Persistent = true });
        await using var second = DhtNode.BindUdp(new IPEndPoint(IPAddress.Loopback, 0), new DhtOptions { Persistent = true, Bootstrap = [first.Transport.LocalEndPoint] });
        await second.BootstrapAsync(cts.Token);
        await using var client = DhtNode.BindUdp(new IPEndPoint(IPAddress.Loopback, 0), new DhtOptions { Bootstrap = [first.Transport.LocalEndPoint] });
        await client.BootstrapAsync(cts.Token);

        Assert.True(await client.CheckFirewallAsync(cts.Token));
        Assert.False(client.Firewalled);
    }
}
