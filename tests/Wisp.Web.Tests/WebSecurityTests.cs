using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Wisp.Testing;
using Wisp.Web.Tests.Support;

namespace Wisp.Web.Tests;

/// <summary>What keeps the app to this machine and its own page: the token, Host and Origin checks, the headers, the address.</summary>
public sealed class WebSecurityTests : IAsyncLifetime
{
    private readonly TempDirectory _noNetwork = new();
    private WebApp _app = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _app = await WebApp.StartAsync(_noNetwork.Path);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _noNetwork.Dispose();
    }

    private HttpClient Bare() => new() { BaseAddress = new Uri(_app.Host.BaseUrl) };

    [Fact]
    public async Task An_api_call_without_the_token_or_with_a_wrong_one_is_refused_with_401()
    {
        using var bare = Bare();
        using var none = await bare.GetAsync("/api/session", Token);
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Contains("\"error\"", await none.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        bare.DefaultRequestHeaders.Add("X-Wisp-Token", _app.Host.Token[..^1] + (_app.Host.Token[^1] == 'A' ? "B" : "A"));
        using var wrong = await bare.GetAsync("/api/session", Token);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        using var right = await _app.Http.GetAsync("/api/session", Token);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Theory]
    [InlineData("/API/session")]
    [InlineData("/Api/account")]
    [InlineData("/api/../API/session")]
    public async Task An_api_path_in_other_letter_cases_still_needs_the_token(string path)
    {
        // Routing matches paths in any case; the checks must too, or /API/… would reach the API without the token.
        using var bare = Bare();
        using var response = await bare.GetAsync(path, Token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_request_from_another_origin_is_refused_with_403_even_with_the_token()
    {
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        foreign.Headers.Add("Origin", "http://evil.example");
        using var refused = await _app.Http.SendAsync(foreign, Token);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var sameHostOtherPort = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        sameHostOtherPort.Headers.Add("Origin", $"http://127.0.0.1:{_app.Host.Port + 1}");
        using var refusedToo = await _app.Http.SendAsync(sameHostOtherPort, Token);
        Assert.Equal(HttpStatusCode.Forbidden, refusedToo.StatusCode);

        using var own = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        own.Headers.Add("Origin", $"http://localhost:{_app.Host.Port}");
        using var accepted = await _app.Http.SendAsync(own, Token);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Theory]
    [InlineData("/api/session")]
    [InlineData("/")]
    public async Task A_request_naming_another_host_is_refused_so_a_rebound_name_gets_nothing(string path)
    {
        using var rebound = new HttpRequestMessage(HttpMethod.Get, path);
        rebound.Headers.Host = $"evil.example:{_app.Host.Port}";
        using var refused = await _app.Http.SendAsync(rebound, Token);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, refused.StatusCode);

        using var localhost = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        localhost.Headers.Host = $"localhost:{_app.Host.Port}";
        using var accepted = await _app.Http.SendAsync(localhost, Token);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_state_changing_call_without_a_json_content_type_is_refused_with_415()
    {
        using var form = new HttpRequestMessage(HttpMethod.Post, "/api/lock")
        {
            Content = new FormUrlEncodedContent([new("a", "b")]),
        };
        using var refused = await _app.Http.SendAsync(form, Token);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, refused.StatusCode);
        await _app.PostAsync("/api/lock", expected: HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData("/api/session", true)]
    [InlineData("/api/session", false)]
    [InlineData("/", true)]
    [InlineData("/api/no-such-call", true)]
    public async Task Every_response_carries_the_strict_content_security_policy(string path, bool withToken)
    {
        using var bare = Bare();
        using var response = await (withToken ? _app.Http : bare).GetAsync(path, Token);
        Assert.Equal(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
            Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task The_page_is_served_or_says_how_to_build_it()
    {
        using var bare = Bare();
        using var page = await bare.GetAsync("/", Token);
        var text = await page.Content.ReadAsStringAsync(Token);
        if (_app.Host.HasFrontEnd)
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("<script>", text, StringComparison.OrdinalIgnoreCase); // no inline script the CSP would block
        }
        else
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
            Assert.Contains("npm ci && npm run build", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_api_call_is_a_404_with_a_sentence()
    {
        var answer = await _app.GetAsync("/api/no-such-call", HttpStatusCode.NotFound);
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task The_server_listens_on_loopback_only()
    {
        Assert.StartsWith("http://127.0.0.1:", _app.Host.BaseUrl, StringComparison.Ordinal);
        var others = NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => !IPAddress.IsLoopback(a) && a.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 && !a.IsIPv6LinkLocal)
            .ToList();
        Assert.SkipWhen(others.Count == 0, "this machine has no address besides loopback to try");
        foreach (var address in others)
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            var refused = await Assert.ThrowsAsync<SocketException>(async () => await socket.ConnectAsync(address, _app.Host.Port, Token));
            Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        }
    }
}
