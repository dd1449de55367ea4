using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Wisp.Testing;
using Wisp.Web.Bots;

namespace Wisp.Web.Tests.Bots;

/// <summary>
/// The bot API's answers that need no community: the token, Host and Origin checks, who the bot is, and every route's
/// refusal of a bad parameter, a bad body and an unknown room (with the status and a sentence saying what is wrong).
/// </summary>
public sealed class BotApiTests : IAsyncLifetime
{
    private readonly TempDirectory _noNetwork = new();
    private BotApp _bot = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _bot = await BotApp.StartAsync(_noNetwork.Path);

    public async ValueTask DisposeAsync()
    {
        await _bot.DisposeAsync();
        _noNetwork.Dispose();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-the-token")]
    [InlineData("Basic Ym90OnRva2Vu")]
    public async Task A_call_without_the_bearer_token_is_refused_with_401(string? authorization)
    {
        using var bare = new HttpClient { BaseAddress = new Uri(_bot.Host.Url) };
        if (authorization is not null)
            bare.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);
        using var response = await bare.GetAsync("rooms", Token);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("bot token", await ErrorAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_event_stream_refuses_a_websocket_without_the_token()
    {
        using var socket = new ClientWebSocket();
        var url = new Uri(new Uri(_bot.Host.Url.Replace("http://", "ws://", StringComparison.Ordinal)), "rooms/lobby/events");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(url, Token));
        Assert.Contains("401", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_from_a_web_page_or_another_host_name_is_refused()
    {
        using var fromPage = new HttpRequestMessage(HttpMethod.Get, "me");
        fromPage.Headers.Add("Origin", $"http://127.0.0.1:{_bot.Host.Port}");
        using var page = await _bot.Http.SendAsync(fromPage, Token);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);

        using var rebound = new HttpRequestMessage(HttpMethod.Get, "me");
        rebound.Headers.Host = $"evil.example:{_bot.Host.Port}";
        using var host = await _bot.Http.SendAsync(rebound, Token);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, host.StatusCode);
    }

    [Fact]
    public async Task Me_names_the_bot_account_and_rooms_lists_none_before_it_joins()
    {
        var me = await GetJsonAsync("me");
        Assert.Equal(_bot.Client.AccountId.Hex, me.GetProperty("account_id").GetString());
        var rooms = await GetJsonAsync("rooms");
        Assert.Equal(0, rooms.GetProperty("rooms").GetArrayLength());
    }

    [Theory]
    [InlineData("GET", "rooms/lobby", null)]
    [InlineData("GET", "rooms/lobby/messages", null)]
    [InlineData("POST", "rooms/lobby/messages", """{"text":"hello"}""")]
    [InlineData("DELETE", "rooms/lobby/messages/12", null)]
    [InlineData("PUT", "rooms/lobby/messages/12/reactions/%F0%9F%91%8B", null)]
    [InlineData("DELETE", "rooms/lobby/messages/12/reactions/%F0%9F%91%8B", null)]
    [InlineData("POST", "rooms/lobby/bans", """{"session_id":"150000000000000000000000000000000000000000000000000000000000000000"}""")]
    [InlineData("DELETE", "rooms/lobby/bans/150000000000000000000000000000000000000000000000000000000000000000", null)]
    public async Task A_room_the_bot_is_not_in_is_404(string method, string path, string? body)
    {
        using var response = await SendAsync(method, path, body);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not in a room 'lobby'", await ErrorAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_event_stream_of_an_unknown_room_is_404_before_any_upgrade()
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {_bot.Token}");
        var url = new Uri(new Uri(_bot.Host.Url.Replace("http://", "ws://", StringComparison.Ordinal)), "rooms/lobby/events");
        var refused = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(url, Token));
        Assert.Contains("404", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "rooms/lobby/messages", "{\"txt\":\"hello\"}", "not what this call takes")]
    [InlineData("POST", "rooms/lobby/messages", "{\"text\":\"\"}", "text must not be empty")]
    [InlineData("POST", "rooms/lobby/messages", "{\"text\":\"hi\",\"reply_to\":0}", "reply_to")]
    [InlineData("POST", "rooms/lobby/messages", "not json", "not what this call takes")]
    [InlineData("POST", "rooms/lobby/bans", "{\"session_id\":\"15ab\"}", "66 hex characters")]
    [InlineData("POST", "rooms/lobby/bans", "{\"session_id\":\"030000000000000000000000000000000000000000000000000000000000000000\"}", "must start with 15")]
    [InlineData("POST", "rooms/lobby/bans", "{\"session_id\":\"150000000000000000000000000000000000000000000000000000000000000000\",\"timeout_seconds\":0}", "timeout_seconds")]
    [InlineData("GET", "rooms/lobby/messages?limit=0", null, "limit")]
    [InlineData("GET", "rooms/lobby/messages?since=-3", null, "since")]
    [InlineData("DELETE", "rooms/lobby/messages/twelve", null, "not a message id")]
    [InlineData("PUT", "rooms/lobby/messages/12/reactions/abcdefghijklm", null, "at most 12")]
    [InlineData("DELETE", "rooms/lobby/bans/05zz", null, "66 hex characters")]
    public async Task A_bad_parameter_or_body_is_400_saying_what_is_wrong(string method, string path, string? body, string expected)
    {
        using var response = await SendAsync(method, path, body);
        var error = await ErrorAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path}: {(int)response.StatusCode} {error}");
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_and_an_unknown_call_404()
    {
        using var form = await _bot.Http.PostAsync("rooms/lobby/messages", new StringContent("text=hi", Encoding.UTF8, "application/x-www-form-urlencoded"), Token);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        using var unknown = await _bot.Http.GetAsync("nothing/here", Token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no such bot API call", await ErrorAsync(unknown), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_file_is_kept_private_and_read_again_and_a_short_one_is_refused()
    {
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(_bot.TokenFile));
        Assert.True(BotToken.TryLoadOrCreate(_bot.TokenFile, out var again, out _));
        Assert.Equal(_bot.Token, again);

        using var folder = new TempDirectory();
        Directory.CreateDirectory(folder.Path);
        var shortFile = Path.Combine(folder.Path, "short");
        File.WriteAllText(shortFile, "too-short");
        Assert.False(BotToken.TryLoadOrCreate(shortFile, out _, out var error));
        Assert.Contains("at least 32 characters", error, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        return await _bot.Http.SendAsync(request, Token);
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _bot.Http.GetAsync(path, Token);
        var text = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("error").GetString()!;
}
