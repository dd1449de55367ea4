using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Protocol.Push;

namespace Wisp.Bench.Push;

/// <summary>
/// A UnifiedPush endpoint in the bench process: decrypts each POST with the subscription's key at once and records
/// when (a <see cref="Stopwatch"/> timestamp) each message hash arrived.
/// </summary>
internal sealed class PushBenchReceiver(byte[] encKey) : IAsyncDisposable
{
    private readonly Dictionary<string, long> _arrived = new(StringComparer.Ordinal);
    private readonly byte[] _encKey = encKey;
    private WebApplication? _app;

    public string Endpoint { get; private set; } = "";

    public static async Task<PushBenchReceiver> StartAsync(byte[] encKey)
    {
        var receiver = new PushBenchReceiver(encKey);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/up", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var at = Stopwatch.GetTimestamp();
            if (NotificationPayload.TryOpen(receiver._encKey, body.ToArray(), out var content))
            {
                lock (receiver._arrived)
                    receiver._arrived.TryAdd(content.Hash, at);
            }
            return Results.Created();
        });
        await app.StartAsync();
        var port = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a).Port).First(p => p != 0);
        receiver._app = app;
        receiver.Endpoint = $"http://127.0.0.1:{port}/up";
        return receiver;
    }

    /// <summary>When the notification of <paramref name="hash"/> arrived, or null while it has not.</summary>
    public long? ArrivedAt(string hash)
    {
        lock (_arrived)
            return _arrived.TryGetValue(hash, out var at) ? at : null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
