using Wisp.Community.Tests.Support;
using Wisp.Protocol.Community;

namespace Wisp.Community.Tests.Auth;

/// <summary>The X-SOGS-* checks, with pysogs's statuses and words (its tests/test_auth.py).</summary>
public sealed class RequestSignatureTests
{
    private const string Room = "lobby";

    private static async Task<TestCommunityServer> StartAsync(Func<CommunityServerOptions, CommunityServerOptions>? options = null)
    {
        var server = await TestCommunityServer.StartAsync(options);
        await server.AddRoomAsync(Room);
        return server;
    }

    /// <summary>A signed request with one header replaced (or removed, with null).</summary>
    private static async Task<Answer> SendWithAsync(TestCommunityServer server, TestUser user, string header, string? value, string path = "/capabilities")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, signed) in user.Sign(server.Server.PublicKey, "GET", path, [], server.Clock.GetUtcNow().ToUnixTimeSeconds()))
        {
            var replaced = name == header ? value : signed;
            if (replaced is not null)
                request.Headers.TryAddWithoutValidation(name, replaced);
        }
        using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "",
            await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(Signing.Blind15, "15")]
    [InlineData(Signing.Blind25, "25")]
    public async Task A_blinded_signature_authenticates_the_blinded_id(Signing signing, string prefix)
    {
        await using var server = await StartAsync();
        using var user = new TestUser(signing);

        var message = await Steps.PostAsync(server, user, Room, "hello");

        Assert.Equal(user.SessionId(server.Server.PublicKey), message.GetProperty("session_id").GetString());
        Assert.StartsWith(prefix, message.GetProperty("session_id").GetString());
    }

    [Fact]
    public async Task An_unblinded_key_is_refused_while_blinded_ids_are_required_and_is_the_05_id_otherwise()
    {
        using var user = new TestUser(Signing.Unblinded);
        await using (var strict = await StartAsync())
        {
            var answer = await strict.SendAsync("GET", "/capabilities", user);
            Assert.Equal((400, "Invalid authentication: this server requires the use of blinded ids"), (answer.Status, answer.Text));
        }
        await using var open = await StartAsync(options => options with { RequireBlindKeys = false });
        var message = await Steps.PostAsync(open, user, Room, "hello");
        Assert.Equal(user.Account.AccountId.ToString(), message.GetProperty("session_id").GetString());
        Assert.Equal("""{"capabilities":["reactions","sogs"]}""", (await open.SendAsync("GET", "/capabilities")).Text);
    }

    [Theory]
    [InlineData(SogsHeaders.Pubkey, 1)]
    [InlineData(SogsHeaders.Signature, 1)]
    public async Task Missing_headers_are_counted(string header, int missing)
    {
        await using var server = await StartAsync();
        using var user = new TestUser();

        var answer = await SendWithAsync(server, user, header, null);

        Assert.Equal((400, $"Invalid authentication headers: missing {missing}/4 required X-SOGS-* headers"), (answer.Status, answer.Text));
    }

    [Theory]
    [InlineData(SogsHeaders.Pubkey, "15abc", "Invalid authentication: X-SOGS-Pubkey is not a valid 66-hex digit id")]
    [InlineData(SogsHeaders.Pubkey, "05cef185d46b60a548641bd8c5baa4b7cf90b7da8e883c0ac774c703d249086479", "Invalid authentication: X-SOGS-Pubkey must be 00- or 15- prefixed")]
    [InlineData(SogsHeaders.Pubkey, "150000000000000000000000000000000000000000000000000000000000000000", "Invalid authentication: given X-SOGS-Pubkey is not a valid Ed25519 pubkey")]
    [InlineData(SogsHeaders.Nonce, "abcd", "Invalid authentication: X-SOGS-Nonce must be 16 bytes (encoded as base64 or hex)")]
    [InlineData(SogsHeaders.Signature, "c2lnbmF0dXJl", "Invalid authentication: X-SOGS-Signature is not base64[88]")]
    [InlineData(SogsHeaders.Timestamp, "12ab", "Invalid authentication: X-SOGS-Timestamp is not a valid timestamp")]
    public async Task Malformed_headers_get_400_with_pysogs_words(string header, string value, string words)
    {
        await using var server = await StartAsync();
        using var user = new TestUser();

        var answer = await SendWithAsync(server, user, header, value);

        Assert.Equal((400, words), (answer.Status, answer.Text));
        Assert.Equal("text/plain; charset=utf-8", answer.ContentType);
    }

    [Fact]
    public async Task A_hex_nonce_and_hex_signature_are_accepted()
    {
        await using var server = await StartAsync();
        using var user = new TestUser();
        var headers = user.Sign(server.Server.PublicKey, "GET", "/capabilities", [], server.Clock.GetUtcNow().ToUnixTimeSeconds()).ToDictionary();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/capabilities");
        foreach (var (name, value) in headers)
        {
            var hex = name is SogsHeaders.Nonce or SogsHeaders.Signature ? Convert.ToHexStringLower(Convert.FromBase64String(value)) : value;
            request.Headers.TryAddWithoutValidation(name, hex);
        }

        using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData(-86_400, 200)]
    [InlineData(86_400, 200)]
    [InlineData(-86_401, 425)]
    [InlineData(86_401, 425)]
    public async Task The_timestamp_must_be_within_24_hours_of_the_server_clock(long offsetSeconds, int status)
    {
        await using var server = await StartAsync();
        using var user = new TestUser();
        // Whole seconds, so the window's edge is exact.
        server.Clock.Advance(TimeSpan.FromMilliseconds(-server.Clock.GetUtcNow().Millisecond));

        var answer = await server.SendAsync("GET", "/capabilities", user, timestamp: server.Clock.GetUtcNow().ToUnixTimeSeconds() + offsetSeconds);

        Assert.Equal(status, answer.Status);
        if (status == 425)
            Assert.Equal("Invalid authentication: X-SOGS-Timestamp is too far from current time", answer.Text);
    }

    [Fact]
    public async Task A_nonce_is_refused_the_second_time()
    {
        await using var server = await StartAsync();
        using var user = new TestUser();
        var nonce = Crypto.RandomBytes.Get(16);
        var now = server.Clock.GetUtcNow().ToUnixTimeSeconds();

        async Task<Answer> SendAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/capabilities");
            foreach (var (name, value) in user.Sign(server.Server.PublicKey, "GET", "/capabilities", [], now, nonce))
                request.Headers.TryAddWithoutValidation(name, value);
            using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);
            return new Answer((int)response.StatusCode, "", await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        }

        Assert.Equal(200, (await SendAsync()).Status);
        var replay = await SendAsync();
        Assert.Equal((425, "Invalid authentication: X-SOGS-Nonce cannot be reused"), (replay.Status, replay.Text));
    }

    [Fact]
    public async Task A_signature_over_another_request_fails_verification()
    {
        await using var server = await StartAsync();
        using var user = new TestUser();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/capabilities?required=sogs");
        foreach (var (name, value) in user.Sign(server.Server.PublicKey, "GET", "/capabilities", [], server.Clock.GetUtcNow().ToUnixTimeSeconds()))
            request.Headers.TryAddWithoutValidation(name, value);

        using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal("Invalid authentication: X-SOGS-Signature verification failed", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_body_is_covered_by_the_signature()
    {
        await using var server = await StartAsync();
        using var user = new TestUser();
        var body = Steps.PostBody(server, user, Steps.Padded("hi"));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/room/{Room}/message") { Content = new StringContent(body + " ") };
        foreach (var (name, value) in user.Sign(server.Server.PublicKey, "POST", $"/room/{Room}/message", System.Text.Encoding.UTF8.GetBytes(body), server.Clock.GetUtcNow().ToUnixTimeSeconds()))
            request.Headers.TryAddWithoutValidation(name, value);

        using var response = await server.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_globally_banned_user_is_refused_before_the_signature_is_checked()
    {
        await using var server = await StartAsync();
        using var user = new TestUser();
        await Steps.SetGlobalAsync(server, user, "banned");

        var signed = await server.SendAsync("GET", "/capabilities", user);
        var badSignature = await SendWithAsync(server, user, SogsHeaders.Signature, Convert.ToBase64String(new byte[64]));

        Assert.Equal((403, "Banned"), (signed.Status, signed.Text));
        Assert.Equal((403, "Banned"), (badSignature.Status, badSignature.Text));
    }

    [Fact]
    public async Task A_route_that_needs_a_user_answers_401_to_an_anonymous_request()
    {
        await using var server = await StartAsync();

        var answer = await server.SendJsonAsync("POST", $"/room/{Room}/message", null, """{"data":"aGk=","signature":"aGk="}""");

        Assert.Equal((401, "X-SOGS-* request authentication required"), (answer.Status, answer.Text));
    }
}
