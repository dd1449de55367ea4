using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Node.Onion;
using Wisp.Node.Tests.Onion.Support;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Tests.Onion;

/// <summary>The last hop's call to an HTTP server: only allowed targets, the whole decrypted layer sent, the answer relayed unchanged.</summary>
public sealed class ServerProxyTests : IAsyncLifetime
{
    private OnionNetwork _network = null!;
    private FakeServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await FakeServer.StartAsync();
        // The stand-in server listens on loopback: this network's operator allows it (and its port, and port 1 for "down").
        _network = await OnionNetwork.StartAsync(3, new OnionRelayOptions { ServerTimeout = TimeSpan.FromSeconds(1) },
            new ServerProxyOptions { AllowedNetworks = [IPNetwork.Parse("127.0.0.0/8")], AllowedPorts = [_server.Port, 1] });
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _network.DisposeAsync();
    }

    [Theory]
    [InlineData(OnionEncryptionType.XChaCha20, 200)]
    [InlineData(OnionEncryptionType.AesGcm, 404)]
    public async Task A_v4_request_reaches_the_server_and_its_answer_comes_back_unchanged(OnionEncryptionType encryption, int serverStatus)
    {
        // What the server would decrypt with its own key: a v4 request. The hops never read it.
        using var serverEphemeral = X25519KeyPair.Generate();
        var v4 = OnionV4Codec.EncodeRequest(new OnionV4Request("GET", "/room/lobby", new Dictionary<string, string>(), null));
        var serverBlob = RandomNumberGenerator.GetBytes(16).Concat(v4).ToArray();
        var lastPlaintext = OnionRequestBuilder.ForServer(serverBlob, Instruction("/oxen/v4/lsrpc", serverEphemeral.PublicKey));
        using var request = OnionRequestBuilder.Build(_network.Path(0, 1, 2), lastPlaintext, [encryption]);
        _server.Answer = RandomNumberGenerator.GetBytes(1000);
        _server.AnswerStatus = serverStatus;

        using var response = await _network.PostAsync(0, request.Body);

        Assert.Equal(serverStatus, (int)response.StatusCode);
        Assert.Equal(_server.Answer, await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        var received = Assert.Single(_server.Received);
        Assert.Equal("/oxen/v4/lsrpc", received.Path);
        Assert.Equal(lastPlaintext, received.Body);
    }

    [Theory]
    [InlineData("/oxen/v4/lsrpc?x=1")]
    [InlineData("/admin")]
    [InlineData("/oxen/v4/lsrpc/")]
    [InlineData("/oxen/../admin/lsrpc")]
    [InlineData("/oxen/v4/lsrpc#/lsrpc")]
    [InlineData("oxen/v4/lsrpc")]
    public async Task A_target_that_is_not_allowed_is_an_encrypted_400_and_no_call(string target)
    {
        using var serverEphemeral = X25519KeyPair.Generate();
        var lastPlaintext = OnionRequestBuilder.ForServer([1, 2, 3], Instruction(target, serverEphemeral.PublicKey));
        using var request = OnionRequestBuilder.Build(_network.Path(0, 1, 2), lastPlaintext, [OnionEncryptionType.XChaCha20]);

        var (status, body) = await _network.SendAsync(0, request.Body);

        Assert.Equal(200, status);
        var reply = JsonDocument.Parse(OnionRequestBuilder.OpenBase64(request.LastKey, body)).RootElement;
        Assert.Equal(400, reply.GetProperty("status").GetInt32());
        Assert.Equal(OnionErrors.InvalidUrl, reply.GetProperty("body").GetString());
        Assert.Empty(_server.Received);
    }

    [Fact]
    public async Task A_server_that_does_not_answer_in_time_is_504()
    {
        _server.Stall = true;
        using var serverEphemeral = X25519KeyPair.Generate();
        using var request = OnionRequestBuilder.Build(_network.Path(0, 1),
            OnionRequestBuilder.ForServer([1, 2, 3], Instruction("/oxen/v4/lsrpc", serverEphemeral.PublicKey)), [OnionEncryptionType.XChaCha20]);

        var (status, text) = await _network.SendAsync(0, request.Body);

        Assert.Equal(504, status);
        Assert.Equal(OnionErrors.TimedOut, text);
    }

    [Fact]
    public async Task A_server_that_is_down_is_502()
    {
        using var serverEphemeral = X25519KeyPair.Generate();
        var instruction = Instruction("/loki/v3/lsrpc", serverEphemeral.PublicKey) with { Port = 1 };
        using var request = OnionRequestBuilder.Build(_network.Path(0, 1), OnionRequestBuilder.ForServer([1, 2, 3], instruction), [OnionEncryptionType.AesGcm]);

        var (status, text) = await _network.SendAsync(0, request.Body);

        Assert.Equal(502, status);
        Assert.Equal(OnionErrors.ServerUnreachable, text);
    }

    [Theory]
    [InlineData("/oxen/v4/lsrpc", true)]
    [InlineData("/loki/v3/lsrpc", true)]
    [InlineData("/oxen/v4/lsrpc?a=b", false)]
    [InlineData("/oxen/v4/lsrpc?", false)]
    [InlineData("/oxen/v4/ls rpc/lsrpc", false)]
    public void Target_urls_are_exactly_the_allowed_path(string target, bool allowed)
    {
        var url = ServerProxy.TargetUrl(new RelayToServerInstruction("127.0.0.1", target, 8080, "http"));

        Assert.Equal(allowed, url is not null);
        if (url is not null) Assert.Equal($"http://127.0.0.1:8080{target}", url.ToString());
    }

    [Theory]
    [InlineData("exa mple.org")]
    [InlineData("user@example.org")]
    [InlineData("example.org/evil")]
    [InlineData("")]
    public void Hosts_that_would_change_the_url_are_refused(string host) =>
        Assert.Null(ServerProxy.TargetUrl(new RelayToServerInstruction(host, "/oxen/v4/lsrpc")));

    private RelayToServerInstruction Instruction(string target, X25519PublicKey serverEphemeral) =>
        new("127.0.0.1", target, (ushort)_server.Port, "http", "POST", serverEphemeral, OnionEncryptionType.XChaCha20);
}
