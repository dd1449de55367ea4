using System.Text.Json.Nodes;

namespace Wisp.IntegrationTests.Conformance;

/// <summary>
/// The request envelope and the HTTPS edge: what Session answers before any method runs (request_handler.cpp
/// <c>process_client_req(string_view)</c>, server/https.cpp).
/// </summary>
[Collection(ConformanceCollection.Name)]
public sealed class EnvelopeTests(ConformanceNetwork net)
{
    /// <summary>Bodies that are no request, and Session's exact 400 text for each; process_client_req(string_view).</summary>
    public static readonly TheoryData<Via, string, string> Envelopes = Cross(
        ("not json", "invalid json"),
        ("", "invalid json"),
        ("""{"params":{}}""", "invalid json: no `method` field"),
        ("""{"method":7,"params":{}}""", "invalid json: no `method` field"),
        ("[]", "invalid json: no `method` field"),
        ("""{"method":"info"}""", "invalid json: no `params` field"),
        ("""{"method":"info","params":[]}""", "invalid json: no `params` field"),
        // params are looked at before the method is looked up:
        ("""{"method":"nope"}""", "invalid json: no `params` field"),
        ("""{"method":"nope","params":{}}""", "no method nope"));

    [Theory]
    [MemberData(nameof(Envelopes))]
    public async Task ABodyThatIsNoRequestIs400WithSessionsText(Via via, string body, string text) =>
        Expect.Text(await net.CallAsync(via, body), 400, text);

    [Fact]
    public async Task AnUnknownPathIs404NamingMethodAndPath()
    {
        // https.cpp: any("/*") answers "{method} {url} Not Found"; uWebSockets reports the method in lower case, so
        // the method's case is not held against the node.
        var post = await net.Wire.PostAsync(net.Nodes[0].Url, "/nowhere/v1", "{}", TestContext.Current.CancellationToken);
        var get = await net.Wire.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(net.Nodes[0].Url, "/storage_rpc/v1")), TestContext.Current.CancellationToken);

        Assert.True(post.Status == 404 && post.MediaType == "text/plain"
            && post.Body.Equals("POST /nowhere/v1 Not Found", StringComparison.OrdinalIgnoreCase), post.ToString());
        Assert.True(get.Status == 404 && get.MediaType == "text/plain"
            && get.Body.Equals("GET /storage_rpc/v1 Not Found", StringComparison.OrdinalIgnoreCase), get.ToString());
    }

    [Fact]
    public async Task ABodyOver10MiBIs413BeforeItIsSent()
    {
        // https.cpp handle_request: a Content-Length above MAX_REQUEST_BODY_SIZE (10 MiB) is refused from the headers.
        var answer = await RawTls.ExchangeAsync(net.Nodes[0].Url,
            "POST /storage_rpc/v1 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
            $"Content-Length: {(10 * 1024 * 1024) + 1}\r\nConnection: close\r\n\r\n");

        Expect.Text(answer, 413, "Request body too large");
    }

    [Fact]
    public async Task AContentLengthThatIsNoNumberIs400()
    {
        // https.cpp handle_request: 400 "invalid Content-Length". A known difference, listed in PROTOCOL.md: Kestrel
        // refuses such a header while parsing, before any of the node's code runs, with an empty 400 of its own. The
        // status is Session's; the body cannot be.
        var answer = await RawTls.ExchangeAsync(net.Nodes[0].Url,
            "POST /storage_rpc/v1 HTTP/1.1\r\nHost: localhost\r\nContent-Length: ten\r\nConnection: close\r\n\r\n");

        Assert.Equal(400, answer.Status);
    }

    [Fact]
    public async Task TheLongPollHeaderIs410Gone()
    {
        // https.cpp process_storage_rpc_req: an x-loki-long-poll header is refused before the body is read.
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(net.Nodes[0].Url, "/storage_rpc/v1"))
        {
            Content = new StringContent(Rpc.Body("info", new JsonObject())),
        };
        request.Headers.Add("X-Loki-Long-Poll", "true");

        Expect.Text(await net.Wire.SendAsync(request, TestContext.Current.CancellationToken), 410,
            "long polling is no longer supported, client upgrade required");
    }

    [Fact]
    public async Task TooManyRequestsFromOneAddressIs429WithTheStatusLine()
    {
        // https.cpp process_storage_rpc_req: error_response(TOO_MANY_REQUESTS) with no body sends "Too Many Requests\n".
        Answer? limited = null;
        for (var i = 0; i < 20 && limited is null; i++)
        {
            var answer = await net.Wire.PostAsync(net.Throttled.Url, "/storage_rpc/v1", Rpc.Body("info", new JsonObject()), TestContext.Current.CancellationToken);
            if (answer.Status != 200)
                limited = answer;
        }

        Assert.NotNull(limited);
        Expect.Text(limited, 429, "Too Many Requests\n");
    }

    [Fact]
    public async Task GetStatsAnswersTheVersionString()
    {
        // https.cpp: GET /get_stats/v1 (deprecated, still served) answers {"version": STORAGE_SERVER_VERSION_STRING}.
        var answer = await net.Wire.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(net.Nodes[0].Url, "/get_stats/v1")), TestContext.Current.CancellationToken);

        var body = Expect.Json(answer);
        Expect.Keys(body, "version");
        Assert.Equal("2.8.0", body.GetProperty("version").GetString());
    }

    private static TheoryData<Via, string, string> Cross(params (string Body, string Text)[] cases)
    {
        var data = new TheoryData<Via, string, string>();
        foreach (var via in new[] { Via.Https, Via.Onion })
        {
            foreach (var (body, text) in cases)
                data.Add(via, body, text);
        }
        return data;
    }
}
