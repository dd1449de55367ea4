using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Wisp.Crypto.Keys;
using Wisp.Node.NodeLinks;
using Wisp.Node.Swarm;
using Wisp.Node.Tests.Swarm.Support;
using Wisp.Protocol.Peering;
using Wisp.Testing;

namespace Wisp.Node.Tests.Swarm;

/// <summary>
/// What a signed node-to-node request must be: fresh and from a registry node (refused before its body is read),
/// signed for this receiver and this exact target, used once, and within its node's rate — which a stranger who
/// borrows the node's key in a header cannot spend.
/// </summary>
public sealed class PeerRequestTests : IAsyncLifetime
{
    private readonly SwarmNetwork _network = new();
    private TestNode _caller = null!;
    private TestNode _receiver = null!;
    private TestNode _limited = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _caller = await _network.AddNodeAsync();
        _receiver = await _network.AddNodeAsync();
        // Two node-to-node requests per calling node, then (practically) none.
        _limited = await _network.AddNodeAsync(configure: builder =>
            builder.Services.AddSingleton(new PeerGate(TimeProvider.System, ratePerSecond: 0.0001, burst: 2)));
        await _network.SettleAsync();
    }

    public async ValueTask DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_stale_header_is_401_before_the_body_is_read()
    {
        var headers = Sign(_caller, _receiver, SyncRequest.Route, Messages.NowMs() - 120_000, "{}"u8);

        // Only the headers go out: an answer proves the node did not wait for the body.
        var (status, text) = await HeadersOnlyAsync(_receiver, SyncRequest.Route, headers);

        Assert.Equal(401, status);
        Assert.Contains("s from this node's clock (allowed ±60 s)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_that_is_not_a_registry_node_is_403_before_the_body_is_read()
    {
        using var stranger = Ed25519KeyPair.Generate();
        var headers = PeerAuthentication.Sign(stranger, SwarmNetwork.KeyOf(_receiver), "POST", SyncRequest.Route, Messages.NowMs(), "{}"u8);

        var (status, text) = await HeadersOnlyAsync(_receiver, SyncRequest.Route, headers);

        Assert.Equal((403, $"node {stranger.PublicKey.ToHex()} is not an active node of this registry"), (status, text));
    }

    [Fact]
    public async Task A_replayed_request_is_401_the_second_time()
    {
        var body = new SyncRequest(0).ToJson();
        var headers = Sign(_caller, _receiver, SyncRequest.Route, Messages.NowMs(), body);

        var first = await SendAsync(_receiver, SyncRequest.Route, headers, body);
        var second = await SendAsync(_receiver, SyncRequest.Route, headers, body);

        Assert.Equal(200, first.Status);
        Assert.Equal((401, $"{PeerAuthentication.NonceHeader} was already used: a node-to-node request is accepted once"), second);
    }

    [Fact]
    public async Task A_request_signed_for_another_node_is_401()
    {
        var body = new SyncRequest(0).ToJson();
        var headers = Sign(_caller, _limited, SyncRequest.Route, Messages.NowMs(), body);

        Assert.Equal((401, "node signature verification failed"), await SendAsync(_receiver, SyncRequest.Route, headers, body));
    }

    [Fact]
    public async Task A_request_whose_query_was_not_signed_is_401()
    {
        var body = new SyncRequest(0).ToJson();
        var headers = Sign(_caller, _receiver, SyncRequest.Route, Messages.NowMs(), body);

        Assert.Equal((401, "node signature verification failed"), await SendAsync(_receiver, SyncRequest.Route + "?after_id=9", headers, body));
    }

    [Fact]
    public async Task A_request_signed_with_its_query_is_served()
    {
        var body = new SyncRequest(0).ToJson();
        var headers = Sign(_caller, _receiver, SyncRequest.Route + "?x=1", Messages.NowMs(), body);

        Assert.Equal(200, (await SendAsync(_receiver, SyncRequest.Route + "?x=1", headers, body)).Status);
    }

    [Fact]
    public async Task A_node_past_its_rate_is_429_before_the_body_is_read_and_a_forger_cannot_spend_its_allowance()
    {
        // Registry nodes that run no process, so no background catch-up spends their allowance at the limited node.
        using var quiet = Ed25519KeyPair.Generate();
        using var other = Ed25519KeyPair.Generate();
        _network.Authority.Join(Wisp.Network.Registry.NodeJoin.For(quiet.PublicKey, "127.0.0.1", 1, "0.1.0")).GetValueOrThrow();
        _network.Authority.Join(Wisp.Network.Registry.NodeJoin.For(other.PublicKey, "127.0.0.1", 2, "0.1.0")).GetValueOrThrow();
        await _network.SettleAsync();
        var body = new SyncRequest(0).ToJson();
        PeerHeaders From(Ed25519KeyPair keys, ReadOnlySpan<byte> signed) =>
            PeerAuthentication.Sign(keys, SwarmNetwork.KeyOf(_limited), "POST", SyncRequest.Route, Messages.NowMs(), signed);
        // Forged: the node's key in the header, a signature over something else. Refused, and no token taken.
        for (var i = 0; i < 5; i++)
            Assert.Equal(401, (await SendAsync(_limited, SyncRequest.Route, From(quiet, "forged"u8), body)).Status);
        for (var i = 0; i < 2; i++)
            Assert.Equal(200, (await SendAsync(_limited, SyncRequest.Route, From(quiet, body), body)).Status);

        var (status, text) = await HeadersOnlyAsync(_limited, SyncRequest.Route, From(quiet, body));

        Assert.Equal((429, $"node {quiet.PublicKey.ToHex()} is making too many node-to-node requests; slow down"), (status, text));
        // Another node has its own allowance.
        Assert.Equal(200, (await SendAsync(_limited, SyncRequest.Route, From(other, body), body)).Status);
    }

    private static PeerHeaders Sign(TestNode from, TestNode to, string target, long timestampMs, ReadOnlySpan<byte> body) =>
        PeerAuthentication.Sign(from.Host.Identity.Keys, SwarmNetwork.KeyOf(to), "POST", target, timestampMs, body);

    private static async Task<(int Status, string Text)> SendAsync(TestNode to, string target, PeerHeaders headers, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        headers.AddTo(request.Headers);
        using var response = await to.Http.SendAsync(request, Token);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(Token));
    }

    private static async Task<(int Status, string Text)> HeadersOnlyAsync(TestNode to, string target, PeerHeaders headers)
    {
        await using var connection = await RawHttps.ConnectAsync(to);
        await connection.SendAsync($"POST {target} HTTP/1.1\r\nHost: localhost\r\n" + headers.ToHeaderLines() + "Content-Length: 1000\r\n\r\n");
        return await connection.ReadResponseAsync();
    }
}
