using System.Net;
using Wisp.Node.Admission;
using Wisp.Testing;

namespace Wisp.Node.Tests.Admission;

/// <summary>Hostile and broken requests against a real node over HTTPS: each gets its 4xx and the node keeps serving.</summary>
public sealed class HttpAdmissionTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_declared_oversized_body_gets_413_before_it_is_read()
    {
        await using var node = await TestNode.StartAsync();
        await using var connection = await RawHttps.ConnectAsync(node);

        // Only the headers: the answer must come without the node waiting for (or buffering) the promised body.
        await connection.SendAsync($"POST /storage_rpc/v1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: {Limits.MaxRequestBodyBytes + 1}\r\n\r\n");
        var (status, body) = await connection.ReadResponseAsync();

        Assert.Equal((413, "Request body too large", "text/plain"), (status, body, connection.LastContentType));
        await AssertStillServingAsync(node);
    }

    [Fact]
    public async Task An_oversized_chunked_body_gets_413()
    {
        await using var node = await TestNode.StartAsync();
        var content = new StreamContent(new MemoryStream(new byte[Limits.MaxRequestBodyBytes + 10]));
        var request = new HttpRequestMessage(HttpMethod.Post, "/storage_rpc/v1") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await node.Http.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("Request body too large", await response.Content.ReadAsStringAsync(Token));
        await AssertStillServingAsync(node);
    }

    [Theory]
    [InlineData("{\"method\":\"store\",\"params\":{\"pubkey\":", "JSON cut short")]
    [InlineData("not json at all", "not JSON")]
    [InlineData("[1,2,3]", "not an object")]
    [InlineData("", "empty")]
    public async Task Malformed_bodies_get_400(string body, string why)
    {
        await using var node = await TestNode.StartAsync();

        using var response = await node.PostRawAsync(body, Token);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: got {response.StatusCode}");
        await AssertStillServingAsync(node);
    }

    [Fact]
    public async Task Bad_base64_gets_400()
    {
        await using var node = await TestNode.StartAsync();
        var parameters = Messages.StoreParams(Messages.RandomAccount(), [1], Messages.NowMs()).Replace("\"data\":\"AQ==\"", "\"data\":\"!!not base64!!\"");

        using var response = await node.PostRpcAsync("store", parameters, Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invalid request: Invalid 'data' value: not base64 encoded", await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task A_body_cut_off_before_its_declared_length_leaves_the_node_serving()
    {
        await using var node = await TestNode.StartAsync();
        await using (var connection = await RawHttps.ConnectAsync(node))
        {
            await connection.SendAsync("POST /storage_rpc/v1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1000\r\n\r\n{\"method\":");
            // Closed here with 990 bytes still owed.
        }

        await AssertStillServingAsync(node);
    }

    [Fact]
    public async Task Past_the_rate_limit_a_client_gets_429_with_retry_after()
    {
        await using var node = await TestNode.StartAsync(options => options with { RateLimitPerSecond = 1, RateLimitBurst = 3 });

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 10 && limited is null; i++)
        {
            var response = await node.PostRpcAsync("info", "{}", Token);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) limited = response;
            else response.Dispose();
        }

        Assert.NotNull(limited);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.NotNull(limited.Headers.RetryAfter?.Delta);
        Assert.Equal("text/plain", limited.Content.Headers.ContentType?.ToString());
        Assert.Equal("Too Many Requests\n", await limited.Content.ReadAsStringAsync(Token));
        limited.Dispose();
    }

    private static async Task AssertStillServingAsync(TestNode node)
    {
        using var http = new HttpClient(Wisp.Node.Hosting.CertificatePin.CreateHandler(node.Host.Certificate)) { BaseAddress = new Uri(node.Url) };
        using var response = await http.PostAsync("/storage_rpc/v1", new StringContent("{\"method\":\"info\",\"params\":{}}"), Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
