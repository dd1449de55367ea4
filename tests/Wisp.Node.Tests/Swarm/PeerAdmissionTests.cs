using System.Net;
using System.Text;
using Wisp.Node.NodeLinks;
using Wisp.Node.Tests.Swarm.Support;
using Wisp.Protocol.Peering;
using Wisp.Testing;

namespace Wisp.Node.Tests.Swarm;

/// <summary>
/// Admission on the node-to-node routes: nodes of the registry are authenticated first and then exempt from the
/// per-address rate; anyone else is refused in plain text; the body cap is the node-to-node one, refused in Session's words.
/// </summary>
public sealed class PeerAdmissionTests : IAsyncLifetime
{
    private readonly SwarmNetwork _network = new();
    private TestNode _caller = null!;
    private TestNode _limited = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _caller = await _network.AddNodeAsync();
        // One request every ~17 minutes per address: anything past the first is rate limited, unless exempt.
        _limited = await _network.AddNodeAsync(options => options with { RateLimitPerSecond = 0.001, RateLimitBurst = 1 });
        await _network.SettleAsync();
    }

    public async ValueTask DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task A_signed_peer_is_served_after_its_address_ran_out_of_client_requests()
    {
        using var first = await _limited.PostRpcAsync("info", "{}", Token);
        using var second = await _limited.PostRpcAsync("info", "{}", Token);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);

        using var client = new PeerClient(_caller.Host.Identity.Keys, TimeProvider.System);
        var answer = await client.CallAsync(
            _network.Authority.Current.FindNode(SwarmNetwork.KeyOf(_limited))!, SyncRequest.Route, new SyncRequest(0).ToJson(), SyncAnswer.Read,
            TimeSpan.FromSeconds(30), Token);

        Assert.True(answer.Ok, answer.Problem);
        Assert.False(answer.Value!.More);
    }

    [Fact]
    public async Task An_unsigned_request_is_401_in_plain_text_and_takes_no_rate_token()
    {
        using var response = await _caller.Http.PostAsync(SyncRequest.Route, new ByteArrayContent(new SyncRequest(0).ToJson()), Token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(
            $"node-to-node requests must carry {PeerAuthentication.NodeHeader}, {PeerAuthentication.TimestampHeader}, {PeerAuthentication.NonceHeader} and {PeerAuthentication.SignatureHeader}",
            await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task A_signed_request_declaring_more_than_the_peer_cap_is_Sessions_413()
    {
        var headers = PeerAuthentication.Sign(
            _caller.Host.Identity.Keys, SwarmNetwork.KeyOf(_limited), "POST", SyncRequest.Route, Messages.NowMs(), "{}"u8);
        await using var connection = await RawHttps.ConnectAsync(_limited);

        await connection.SendAsync(
            $"POST {SyncRequest.Route} HTTP/1.1\r\nHost: localhost\r\n" + headers.ToHeaderLines()
            + $"Content-Length: {NodeLinkLimits.MaxPeerBodyBytes + 1}\r\n\r\n");
        var (status, body) = await connection.ReadResponseAsync();

        Assert.Equal((413, "Request body too large", "text/plain"), (status, body, connection.LastContentType));
    }

    [Fact]
    public async Task A_malformed_record_from_a_signed_peer_is_400_naming_the_problem()
    {
        using var client = new PeerClient(_caller.Host.Identity.Keys, TimeProvider.System);
        var record = _network.Authority.Current.FindNode(SwarmNetwork.KeyOf(_limited))!;

        var answer = await client.PostAsync(record, FetchRequest.Route, Encoding.UTF8.GetBytes("""{"ids":[1,"two"]}"""), TimeSpan.FromSeconds(30), Token);

        Assert.Equal((400, "fetch: every id must be a non-negative integer"), (answer.Status, Encoding.UTF8.GetString(answer.Body)));
        Assert.Equal("text/plain", answer.ContentType);
    }
}
