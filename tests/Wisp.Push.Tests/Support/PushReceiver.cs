using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Wisp.Push.Tests.Support;

/// <summary>One request a stand-in received: method, path, headers and body.</summary>
internal sealed record ReceivedPush(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// A local stand-in for a UnifiedPush distributor (or APNs, or FCM): Kestrel on 127.0.0.1 that records every request
/// and answers with the statuses a test queues (201 once they run out).
/// </summary>
internal sealed class PushReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedPush> _received = Channel.CreateUnbounded<ReceivedPush>();
    private readonly ConcurrentQueue<int> _statuses = new();

    private PushReceiver(WebApplication app) => _app = app;

    /// <summary>The stand-in's base URL.</summary>
    public string Url { get; private set; } = "";

    /// <summary>An endpoint URL on the stand-in (any path is accepted).</summary>
    public string Endpoint(string token = "push/abc") => $"{Url}/{token}";

    public static async Task<PushReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new PushReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync(TestContext.Current.CancellationToken);
        receiver.Url = app.Urls.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal);
        return receiver;
    }

    /// <summary>The next answers, in order.</summary>
    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses) _statuses.Enqueue(status);
    }

    /// <summary>Waits (generously) for the next request.</summary>
    public async Task<ReceivedPush> NextAsync(TimeSpan? timeout = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        return await _received.Reader.ReadAsync(limit.Token);
    }

    /// <summary>A request already received, if any, without waiting.</summary>
    public bool TryTake(out ReceivedPush? push) => _received.Reader.TryRead(out push);

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
        if (context.Request.ContentType is { } type) headers["content-type"] = type;
        context.Response.StatusCode = _statuses.TryDequeue(out var status) ? status : 201;
        await _received.Writer.WriteAsync(new ReceivedPush(context.Request.Method, context.Request.Path.Value ?? "", headers, body.ToArray()));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
