using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Wisp.Client.Account;
using Wisp.Crypto.Kdf;
using Wisp.Testing;

namespace Wisp.Web.Tests.Support;

/// <summary>
/// One <c>wisp web</c> server in this process (the real host: Kestrel on 127.0.0.1, a real port) over its own Wisp
/// home, and an HTTP client that calls it as the page does: the token header, JSON bodies.
/// </summary>
public sealed class WebApp : IAsyncDisposable
{
    private readonly TempDirectory? _home;

    private WebApp(WispWebHost host, string homePath, TempDirectory? home)
    {
        _home = home;
        Host = host;
        HomePath = homePath;
        Http = new HttpClient { BaseAddress = new Uri(host.BaseUrl), Timeout = TimeSpan.FromSeconds(120) };
        Http.DefaultRequestHeaders.Add("X-Wisp-Token", host.Token);
    }

    public WispWebHost Host { get; }

    /// <summary>Calls with the token; no Origin (as a same-origin GET from the page sends none).</summary>
    public HttpClient Http { get; }

    public string HomePath { get; }

    /// <summary>Starts a server whose home is fresh (or <paramref name="homePath"/>), following <paramref name="networkFolder"/>.</summary>
    public static async Task<WebApp> StartAsync(
        string networkFolder, string? homePath = null, string? profile = null, IReadOnlyDictionary<string, byte[]>? frontEnd = null)
    {
        var temp = homePath is null ? new TempDirectory() : null;
        var home = homePath ?? temp!.Path;
        var host = await WispWebHost.StartAsync(new WebOptions
        {
            Home = WispHome.At(home),
            Profile = profile is null ? null : ProfileName.Parse(profile),
            NetworkFolder = networkFolder,
            KdfLimits = PasswordKdfLimits.Fast,
            FrontEnd = frontEnd,
        }, TestContext.Current.CancellationToken);
        return new WebApp(host, home, temp);
    }

    /// <summary>Sends <paramref name="body"/> as JSON (or an empty JSON request) and returns the response.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(body is null ? "" : JsonSerializer.Serialize(body), Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Sends and asserts <paramref name="expected"/>; returns the JSON answer (default for an empty one).</summary>
    public async Task<JsonElement> CallAsync(HttpMethod method, string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = method == HttpMethod.Get
            ? await Http.GetAsync(path, TestContext.Current.CancellationToken)
            : await SendAsync(method, path, body);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == expected, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public Task<JsonElement> GetAsync(string path, HttpStatusCode expected = HttpStatusCode.OK) => CallAsync(HttpMethod.Get, path, null, expected);

    public Task<JsonElement> PostAsync(string path, object? body = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        CallAsync(HttpMethod.Post, path, body, expected);

    /// <summary>Creates an account in <paramref name="profile"/> without a passphrase; returns its Account ID.</summary>
    public async Task<string> CreateAccountAsync(string profile, string? displayName = null)
    {
        var created = await PostAsync("/api/profiles", new { profile, passphrase = (string?)null });
        if (displayName is not null)
            await CallAsync(HttpMethod.Put, "/api/account/display_name", new { display_name = displayName });
        return created.GetProperty("account_id").GetString()!;
    }

    /// <summary>Waits until the account is connected to the network.</summary>
    public Task WaitConnectedAsync() => Eventually.TrueAsync(
        async () => (await GetAsync("/api/session")).GetProperty("connected").GetBoolean(), "the account is connected", TimeSpan.FromSeconds(60));

    /// <summary>Waits until the community room at <paramref name="roomPath"/> lists message <paramref name="id"/> (the poller fetched it).</summary>
    public Task WaitForMessageAsync(string roomPath, string id) => Eventually.TrueAsync(
        async () => (await GetAsync($"{roomPath}/messages")).EnumerateArray().Any(m => m.GetProperty("id").GetString() == id),
        $"message {id} is fetched", TimeSpan.FromSeconds(90));

    /// <summary>Opens the event stream.</summary>
    public Task<EventStreamReader> OpenEventsAsync() => EventStreamReader.OpenAsync(Http);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        _home?.Dispose();
    }
}
