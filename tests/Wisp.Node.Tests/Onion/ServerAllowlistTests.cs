using System.Net;
using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Node.NodeLinks;
using Wisp.Node.Onion;
using Wisp.Node.Tests.Onion.Support;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Tests.Onion;

/// <summary>
/// The server relay is no open proxy: a server on loopback (or any non-public address) or on a port the operator did
/// not allow is refused with an encrypted 403 the client can read, and is never called — also when the check before
/// the call is skipped, because the connection itself checks the resolved address.
/// </summary>
public sealed class ServerAllowlistTests : IAsyncLifetime
{
    private OnionNetwork _network = null!;
    private FakeServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeServer.StartAsync();
        // The operator allows the stand-in server's port, but not loopback.
        _network = await OnionNetwork.StartAsync(2, serverOptions: new ServerProxyOptions { AllowedPorts = [_server.Port] });
    }

    public async ValueTask DisposeAsync()
    {
        await _network.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("localhost")]
    [InlineData("127.1.2.3")]
    public async Task A_server_on_loopback_is_an_encrypted_403_and_is_never_called(string host)
    {
        var (status, text) = await RelayAsync(host, _server.Port);

        Assert.Equal(403, status);
        Assert.Matches(@"^Server address [0-9a-f.:]+ is not allowed \(loopback, private, link-local, multicast or reserved addresses are not relayed to\)$", text);
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task A_port_the_operator_did_not_allow_is_an_encrypted_403_and_is_never_called()
    {
        var (status, text) = await RelayAsync("127.0.0.1", 22);

        Assert.Equal((403, $"Server port 22 is not allowed (this node calls servers on port {_server.Port})"), (status, text));
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task The_connection_itself_refuses_a_loopback_address_when_the_check_before_the_call_is_skipped()
    {
        // What a DNS rebinding would amount to: the name checked first resolves elsewhere at connect time.
        using var proxy = new ServerProxy(TimeProvider.System, new ServerProxyOptions { AllowedPorts = [_server.Port] });

        var answer = await proxy.PostAsync(new Uri($"http://127.0.0.1:{_server.Port}/oxen/v4/lsrpc"), [1, 2, 3], TimeSpan.FromSeconds(30), Token);

        Assert.Equal(UpstreamFailure.Unreachable, answer.Failure);
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task An_allowlisted_loopback_server_is_called()
    {
        using var proxy = new ServerProxy(TimeProvider.System,
            new ServerProxyOptions { AllowedPorts = [_server.Port], AllowedNetworks = [IPNetwork.Parse("127.0.0.1/32")] });
        var url = new Uri($"http://127.0.0.1:{_server.Port}/oxen/v4/lsrpc");

        Assert.Null(await proxy.RefusalAsync(url, Token));
        var answer = await proxy.PostAsync(url, [1, 2, 3], TimeSpan.FromSeconds(30), Token);

        Assert.Equal((UpstreamFailure.None, 200), (answer.Failure, answer.Status));
        Assert.Single(_server.Received);
    }

    private async Task<(int Status, string Text)> RelayAsync(string host, int port)
    {
        using var serverEphemeral = X25519KeyPair.Generate();
        var instruction = new RelayToServerInstruction(host, "/oxen/v4/lsrpc", (ushort)port, "http", "POST", serverEphemeral.PublicKey,
            OnionEncryptionType.XChaCha20);
        using var request = OnionRequestBuilder.Build(_network.Path(0, 1), OnionRequestBuilder.ForServer([1, 2, 3], instruction),
            [OnionEncryptionType.XChaCha20]);

        var (status, body) = await _network.SendAsync(0, request.Body);

        Assert.Equal(200, status);
        var reply = JsonDocument.Parse(OnionRequestBuilder.OpenBase64(request.LastKey, body)).RootElement;
        return (reply.GetProperty("status").GetInt32(), reply.GetProperty("body").GetString()!);
    }
}
