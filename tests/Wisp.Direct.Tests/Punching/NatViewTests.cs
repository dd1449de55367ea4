using Wisp.Dht.Transport;
using Wisp.Direct.Punching;

namespace Wisp.Direct.Tests.Punching;

/// <summary>
/// The NAT view over a simulated DHT whose nodes answer the reachability check: open only when an unsolicited
/// datagram reaches the socket; a socket behind a stateful firewall, though seen at its own address, is consistent.
/// </summary>
public sealed class NatViewTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_socket_strangers_can_reach_is_open_at_its_public_address()
    {
        await using var dht = await SimulatedDht.StartAsync(6, seed: 71, cancellationToken: Token, natCheck: true);
        await using var client = await dht.ClientAsync(Token);
        var view = new NatView(client);

        Assert.Equal(NatClass.Open, await view.RefreshAsync(Token));
        Assert.Equal([client.Transport.LocalEndPoint], view.PublicAddresses);
    }

    [Fact]
    public async Task A_socket_seen_at_its_own_address_but_behind_a_stateful_firewall_is_consistent_not_open()
    {
        await using var dht = await SimulatedDht.StartAsync(6, seed: 72, cancellationToken: Token, natCheck: true);
        await using var client = await dht.ClientAsync(Token, dropsStrangers: true);
        var view = new NatView(client);

        Assert.Equal(NatClass.Consistent, await view.RefreshAsync(Token));
        Assert.Equal(client.Transport.LocalEndPoint, view.PublicAddresses[0]);
        Assert.True(client.Firewalled);
    }
}
