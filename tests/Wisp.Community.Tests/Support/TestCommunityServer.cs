using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Wisp.Community.Api;
using Wisp.Community.Hosting;
using Wisp.Community.Rooms;
using Wisp.Testing;

namespace Wisp.Community.Tests.Support;

/// <summary>
/// A real community server in this process: Kestrel on 127.0.0.1, port 0, a temp data directory, and a clock that
/// moves only when a test says so.
/// </summary>
internal sealed class TestCommunityServer : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private TestCommunityServer(WispCommunityServer server, TempDirectory directory, ManualTimeProvider clock)
    {
        Server = server;
        _directory = directory;
        Clock = clock;
        Http = new HttpClient { BaseAddress = new Uri(server.Url) };
    }

    public WispCommunityServer Server { get; }

    public HttpClient Http { get; }

    public ManualTimeProvider Clock { get; }

    public CommunityServices Services => Server.Services;

    public string DataDirectory => _directory.Path;

    public static async Task<TestCommunityServer> StartAsync(Func<CommunityServerOptions, CommunityServerOptions>? options = null)
    {
        var directory = new TempDirectory();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var defaults = new CommunityServerOptions { DataDirectory = directory.Path, Port = 0, LogLevel = LogLevel.Warning };
        try
        {
            var server = await WispCommunityServer.StartAsync(options?.Invoke(defaults) ?? defaults, TestContext.Current.CancellationToken, clock);
            return new TestCommunityServer(server, directory, clock);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>Adds a room as the operator would.</summary>
    public async Task<Room> AddRoomAsync(string token, string name = "Test room", string? description = null) =>
        await Services.Rooms.AddAsync(token, name, description, TestContext.Current.CancellationToken)
        ?? throw new InvalidOperationException($"room {token} exists");

    /// <summary>Sends a request (signed by <paramref name="user"/> when given) and reads the answer.</summary>
    public async Task<Answer> SendAsync(string method, string pathAndQuery, TestUser? user = null, byte[]? body = null, long? timestamp = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), pathAndQuery);
        if (body is not null)
            request.Content = new ByteArrayContent(body);
        if (user is not null)
        {
            foreach (var (name, value) in user.Sign(Server.PublicKey, method, pathAndQuery, body ?? [], timestamp ?? Clock.GetUtcNow().ToUnixTimeSeconds()))
                request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", bytes);
    }

    /// <summary>Sends JSON.</summary>
    public Task<Answer> SendJsonAsync(string method, string path, TestUser? user, string json) =>
        SendAsync(method, path, user, Encoding.UTF8.GetBytes(json));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        _directory.Dispose();
    }
}

/// <summary>A status, content type and body.</summary>
internal sealed record Answer(int Status, string ContentType, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}
