using System.Net;
using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Direct.Connect;

namespace Wisp.Direct.Tests.Connect;

/// <summary>
/// Two endpoints on loopback (no NAT) with a real DHT: a listener found by its direct key, a session both ways,
/// the firewall hook's refusal, and a wrong key never connecting.
/// </summary>
public sealed class LoopbackConnectTests : IAsyncLifetime
{
    private LoopbackDht _dht = null!;
    private readonly Ed25519KeyPair _serverKey = Ed25519KeyPair.Generate();
    private readonly Ed25519KeyPair _clientKey = Ed25519KeyPair.Generate();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _dht = await LoopbackDht.StartAsync(5, Token);

    public async ValueTask DisposeAsync()
    {
        await _dht.DisposeAsync();
        _serverKey.Dispose();
        _clientKey.Dispose();
    }

    private Task<DirectEndpoint> StartAsync(Ed25519KeyPair key, Func<X25519PublicKey, IPEndPoint, bool>? firewall = null) =>
        DirectEndpoint.StartAsync(new DirectEndpointOptions
        {
            KeyPair = key,
            Bootstrap = _dht.Bootstrap,
            RelayNodes = [_dht.Relay],
            Firewall = firewall,
            Bind = new IPEndPoint(IPAddress.Loopback, 0),
        }, Token);

    [Fact]
    public async Task A_client_connects_by_direct_key_and_frames_echo_in_order()
    {
        await using var server = await StartAsync(_serverKey);
        await using var client = await StartAsync(_clientKey);
        await server.ListenAsync(Token);

        var accepting = server.AcceptAsync(Token).AsTask();
        await using var session = await client.ConnectAsync(_serverKey.X25519PublicKey, Token);
        await using var inbound = await accepting;

        Assert.Equal((DirectPath.Direct, true), (session.Path, session.IsInitiator));
        Assert.Equal(_clientKey.X25519PublicKey, inbound.RemoteKey);
        Assert.Equal(_serverKey.X25519PublicKey, session.RemoteKey);
        for (var i = 0; i < 20; i++) await session.SendAsync(Encoding.UTF8.GetBytes($"frame {i}"), Token);
        for (var i = 0; i < 20; i++)
        {
            var frame = await inbound.ReceiveAsync(Token);
            await inbound.SendAsync(frame!, Token);
        }
        for (var i = 0; i < 20; i++)
            Assert.Equal($"frame {i}", Encoding.UTF8.GetString((await session.ReceiveAsync(Token))!));
        Assert.Single(client.Status().Sessions);
        Assert.Equal(Wisp.Direct.Punching.NatClass.Open, client.Status().Nat);
    }

    [Fact]
    public async Task The_firewall_hook_refuses_a_key_it_does_not_know()
    {
        var allowed = Ed25519KeyPair.Generate().X25519PublicKey;
        await using var server = await StartAsync(_serverKey, (remote, _) => remote.Equals(allowed));
        await using var client = await StartAsync(_clientKey);
        await server.ListenAsync(Token);

        var refused = await Assert.ThrowsAsync<DirectConnectException>(() => client.ConnectAsync(_serverKey.X25519PublicKey, Token));

        Assert.Equal(DirectConnectError.Refused, refused.Reason);
        Assert.Empty(server.Status().Sessions);
    }

    [Fact]
    public async Task A_key_nobody_listens_on_is_not_found()
    {
        await using var server = await StartAsync(_serverKey);
        await using var client = await StartAsync(_clientKey);
        await server.ListenAsync(Token);
        using var stranger = Ed25519KeyPair.Generate();

        var failed = await Assert.ThrowsAsync<DirectConnectException>(() => client.ConnectAsync(stranger.X25519PublicKey, Token));

        Assert.Equal(DirectConnectError.NotFound, failed.Reason);
    }

    [Fact]
    public async Task A_session_ends_for_the_peer_when_one_side_closes()
    {
        await using var server = await StartAsync(_serverKey);
        await using var client = await StartAsync(_clientKey);
        await server.ListenAsync(Token);
        var accepting = server.AcceptAsync(Token).AsTask();
        var session = await client.ConnectAsync(_serverKey.X25519PublicKey, Token);
        await using var inbound = await accepting;

        await session.SendAsync("last"u8.ToArray(), Token);
        await session.DisposeAsync();

        Assert.Equal("last", Encoding.UTF8.GetString((await inbound.ReceiveAsync(Token))!));
        Assert.Null(await inbound.ReceiveAsync(Token));
        await inbound.Closed.WaitAsync(Token);
    }

    [Fact]
    public async Task An_endpoint_whose_bootstrap_nodes_never_answer_does_not_start_and_says_why()
    {
        // A bound UDP socket that reads nothing: the DHT's pings go unanswered, as when UDP is blocked.
        using var silent = new System.Net.Sockets.UdpClient(new IPEndPoint(IPAddress.Loopback, 0));

        var refused = await Assert.ThrowsAsync<IOException>(() => DirectEndpoint.StartAsync(new DirectEndpointOptions
        {
            KeyPair = _clientKey,
            Bootstrap = [(IPEndPoint)silent.Client.LocalEndPoint!],
            Bind = new IPEndPoint(IPAddress.Loopback, 0),
        }, Token));

        Assert.Contains("No DHT bootstrap node answered", refused.Message);
    }
}
