using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Wisp.IntegrationTests.Push;

/// <summary>One POST the receiver took: its body and the RFC 8030 headers that came with it.</summary>
public sealed record ReceivedPush(byte[] Body, string? Ttl, string? Urgency, string? ContentType);

/// <summary>
/// A UnifiedPush endpoint in the test process (Kestrel on 127.0.0.1, a free port): what a distributor would be. It
/// records every POST to <c>/up/NAME</c> and answers 201, as a push service accepting a message does.
/// </summary>
public sealed class UnifiedPushReceiver : IAsyncDisposable
{
    private readonly Dictionary<string, List<ReceivedPush>> _received = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private int _port;

    public static async Task<UnifiedPushReceiver> StartAsync()
    {
        var receiver = new UnifiedPushReceiver();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/up/{name}", async (string name, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var push = new ReceivedPush(body.ToArray(), context.Request.Headers["TTL"].FirstOrDefault(),
                context.Request.Headers["Urgency"].FirstOrDefault(), context.Request.ContentType);
            lock (receiver._received)
            {
                if (!receiver._received.TryGetValue(name, out var list))
                    receiver._received[name] = list = [];
                list.Add(push);
            }
            return Results.Created();
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        receiver._app = app;
        receiver._port = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a).Port).First(p => p != 0);
        return receiver;
    }

    /// <summary>The endpoint URL of <paramref name="name"/> (each test registers its own names).</summary>
    public string Endpoint(string name) => $"http://127.0.0.1:{_port}/up/{name}";

    /// <summary>What <paramref name="name"/> received so far.</summary>
    public IReadOnlyList<ReceivedPush> Received(string name)
    {
        lock (_received)
            return _received.TryGetValue(name, out var list) ? [.. list] : [];
    }

    /// <summary>Everything received, to any name.</summary>
    public IReadOnlyList<ReceivedPush> Received()
    {
        lock (_received)
            return [.. _received.Values.SelectMany(l => l)];
    }

    /// <summary>Waits (generously) until <paramref name="name"/> has received a push that <paramref name="match"/> accepts; returns it.</summary>
    public async Task<ReceivedPush> WaitForAsync(string name, Func<ReceivedPush, bool> match, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (true)
        {
            var received = Received(name);
            if (received.FirstOrDefault(match) is { } found)
                return found;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Timed out waiting for: {what} ({received.Count} other push(es) to {name}, {Received().Count} in all)");
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
    }
}
