using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Keys;
using Wisp.Files.Hosting;
using Wisp.Protocol.Files;
using Wisp.Testing;

namespace Wisp.Files.Tests.Support;

/// <summary>
/// A real file server in this process: Kestrel on 127.0.0.1, port 0, a temp data directory, and a clock that moves
/// only when a test says so. The free-space floor is off so limits are the test's own.
/// </summary>
internal sealed class TestFileServer : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private TestFileServer(WispFileServer server, TempDirectory directory, ManualTimeProvider clock)
    {
        Server = server;
        _directory = directory;
        Clock = clock;
        Http = new HttpClient { BaseAddress = new Uri(server.Url) };
    }

    public WispFileServer Server { get; }

    public HttpClient Http { get; }

    public ManualTimeProvider Clock { get; }

    public string DataDirectory => _directory.Path;

    public static async Task<TestFileServer> StartAsync(Func<FileServerOptions, FileServerOptions>? options = null)
    {
        var directory = new TempDirectory();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var defaults = new FileServerOptions
        {
            DataDirectory = directory.Path,
            Port = 0,
            FreeSpaceFloorBytes = 0,
            LogLevel = LogLevel.Warning,
        };
        try
        {
            var server = await WispFileServer.StartAsync(options?.Invoke(defaults) ?? defaults, TestContext.Current.CancellationToken, clock);
            return new TestFileServer(server, directory, clock);
        }
        catch
        {
            directory.Dispose();
            throw;
        }
    }

    /// <summary>PUTs a chunk signed by <paramref name="uploader"/> (now, by the server's clock, unless a time is given).</summary>
    public Task<HttpResponseMessage> PutChunkAsync(byte[] chunk, Ed25519KeyPair uploader, string? hash = null, long? unixSeconds = null)
    {
        hash ??= ChunkHash.Of(chunk);
        var path = FileRoutes.Chunk(hash);
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new ByteArrayContent(chunk) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        foreach (var (name, value) in UploaderSignature.Headers(uploader, unixSeconds ?? Clock.GetUtcNow().ToUnixTimeSeconds(), "PUT", path))
            request.Headers.Add(name, value);
        return Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>The status and body text of an answer.</summary>
    public static async Task<(int Status, string Body)> ReadAsync(HttpResponseMessage response)
    {
        using (response)
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The JSON body of an answer.</summary>
    public static T Json<T>(string body, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(body, type) ?? throw new InvalidOperationException("null JSON");

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        _directory.Dispose();
    }
}
