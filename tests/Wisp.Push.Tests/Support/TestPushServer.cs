using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Protocol.Push;
using Wisp.Push.Delivery;
using Wisp.Push.Hosting;
using Wisp.Push.Storage;
using Wisp.Testing;

namespace Wisp.Push.Tests.Support;

/// <summary>
/// A real push server in this process: Kestrel on 127.0.0.1, port 0, a temp data directory, endpoints on loopback
/// allowed, and a clock that moves only when a test says so (unless the test passes the system clock).
/// </summary>
internal sealed class TestPushServer : IAsyncDisposable
{
    private readonly TempDirectory? _ownedDirectory;

    private TestPushServer(WispPushServer server, TempDirectory? ownedDirectory, string directory, TimeProvider clock, PushServerOptions options)
    {
        Server = server;
        _ownedDirectory = ownedDirectory;
        DataDirectory = directory;
        Clock = clock;
        Options = options;
        Http = new HttpClient { BaseAddress = new Uri(server.Url) };
    }

    public WispPushServer Server { get; }

    public HttpClient Http { get; }

    public TimeProvider Clock { get; }

    public PushServerOptions Options { get; }

    public string DataDirectory { get; }

    public ManualTimeProvider ManualClock => (ManualTimeProvider)Clock;

    public SubscriptionStore Subscriptions => Server.Services.GetRequiredService<SubscriptionStore>();

    public DeliveryQueue Queue => Server.Services.GetRequiredService<DeliveryQueue>();

    public NotificationIntake Intake => Server.Services.GetRequiredService<NotificationIntake>();

    /// <summary>Starts a server; <paramref name="directory"/> reuses a data directory (a restart), owned by the caller.</summary>
    public static async Task<TestPushServer> StartAsync(
        Func<PushServerOptions, PushServerOptions>? options = null, TimeProvider? clock = null, string? directory = null)
    {
        var owned = directory is null ? new TempDirectory() : null;
        clock ??= new ManualTimeProvider(DateTimeOffset.UtcNow);
        var defaults = new PushServerOptions
        {
            DataDirectory = directory ?? owned!.Path,
            Port = 0,
            AllowPrivateEndpoints = true,
            RetryDelay = TimeSpan.FromMilliseconds(50),
            LogLevel = LogLevel.Warning,
        };
        var chosen = options?.Invoke(defaults) ?? defaults;
        try
        {
            var server = await WispPushServer.StartAsync(chosen, TestContext.Current.CancellationToken, clock);
            return new TestPushServer(server, owned, chosen.DataDirectory, clock, chosen);
        }
        catch
        {
            owned?.Dispose();
            throw;
        }
    }

    /// <summary>POSTs a JSON body to <paramref name="path"/> and returns the status and body text.</summary>
    public async Task<(int Status, string Body)> PostAsync(string path, string json)
    {
        using var response = await Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>POSTs one request and reads its one reply.</summary>
    public async Task<PushReply> SendAsync(string path, byte[] json)
    {
        var (status, body) = await PostAsync(path, Encoding.UTF8.GetString(json));
        Assert.Equal(200, status);
        var replies = PushReply.TryParseBody(Encoding.UTF8.GetBytes(body));
        Assert.NotNull(replies);
        return Assert.Single(replies);
    }

    /// <summary>A message arrives from a node, as its monitor stream would report it.</summary>
    public int Arrive(Subscriber account, string hash, int ns = 0, byte[]? data = null, long? expiryMs = null, StreamPosition? position = null)
    {
        var now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        return Intake.Accept([new ArrivedMessage(account.Pubkey.Bytes.ToArray(), hash, ns, now, expiryMs ?? now + 3_600_000, data)], position);
    }

    public JsonDocument ParseJson(string body) => JsonDocument.Parse(body);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        _ownedDirectory?.Dispose();
    }
}
