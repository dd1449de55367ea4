using System.Net;
using Wisp.Node.Admission;
using Wisp.Node.NodeLinks;
using Wisp.Protocol.Onion;
using Wisp.Testing;

namespace Wisp.Node.Tests.Admission;

/// <summary>
/// The edge's own refusals on the storage RPC and onion routes, exactly as Session's storage server words them
/// (<c>server/https.cpp</c>): status, <c>text/plain</c> and body.
/// </summary>
public sealed class EdgeRefusalTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_rate_limit_is_one_per_address_for_storage_RPC_and_onion_and_answers_Sessions_429()
    {
        await using var node = await TestNode.StartAsync(options => options with { RateLimitPerSecond = 0.001, RateLimitBurst = 1 });

        using var first = await node.PostRpcAsync("info", "{}", Token);
        using var rpc = await node.PostRpcAsync("info", "{}", Token);
        using var onion = await node.Http.PostAsync(NodeToNodeClient.Route, new ByteArrayContent([1, 2, 3]), Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        foreach (var limited in new[] { rpc, onion })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.Equal("text/plain", limited.Content.Headers.ContentType?.ToString());
            Assert.Equal("Too Many Requests\n", await limited.Content.ReadAsStringAsync(Token));
            Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        }
    }

    [Theory]
    [InlineData("/storage_rpc/v1", Limits.MaxRequestBodyBytes)]
    [InlineData("/onion_req/v2", OnionLimits.MaxRequestBytes)]
    public async Task A_declared_body_over_the_routes_cap_is_Sessions_413_and_the_connection_closes(string route, int cap)
    {
        await using var node = await TestNode.StartAsync();
        await using var connection = await RawHttps.ConnectAsync(node);

        await connection.SendAsync($"POST {route} HTTP/1.1\r\nHost: localhost\r\nContent-Length: {cap + 1}\r\n\r\n");
        var (status, body) = await connection.ReadResponseAsync();

        Assert.Equal((413, EdgeRefusals.BodyTooLarge, "text/plain"), (status, body, connection.LastContentType));
    }

    [Fact]
    public async Task A_body_at_the_storage_cap_is_not_refused_by_the_edge()
    {
        await using var node = await TestNode.StartAsync();

        using var response = await node.PostRawAsync(new string(' ', Limits.MaxRequestBodyBytes), Token);

        // Read in full and handed to the RPC, which refuses it as JSON it cannot parse, not as too large.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "/nothing/here")]
    [InlineData("POST", "/storage_rpc/v2")]
    [InlineData("GET", "/storage_rpc/v1")]
    [InlineData("PUT", "/onion_req/v2")]
    public async Task A_route_the_node_does_not_serve_is_Sessions_404(string method, string path)
    {
        await using var node = await TestNode.StartAsync();

        using var response = await node.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.ToString());
        Assert.Equal($"{method} {path} Not Found", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task A_Content_Length_that_is_not_a_number_is_400()
    {
        await using var node = await TestNode.StartAsync();
        await using var connection = await RawHttps.ConnectAsync(node);

        // Kestrel refuses this while parsing headers, before any endpoint runs, so the body is Kestrel's (empty), not
        // Session's "invalid Content-Length"; the status is the same.
        await connection.SendAsync("POST /storage_rpc/v1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: ten\r\n\r\n");
        var (status, _) = await connection.ReadResponseAsync();

        Assert.Equal(400, status);
    }

    [Fact]
    public async Task A_storage_request_asking_for_long_polling_is_Sessions_410()
    {
        await using var node = await TestNode.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/storage_rpc/v1")
        {
            Content = new StringContent("""{"method":"info","params":{}}"""),
        };
        request.Headers.Add("X-Loki-Long-Poll", "true");

        using var response = await node.Http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("long polling is no longer supported, client upgrade required", await response.Content.ReadAsStringAsync(Token));
    }
}
