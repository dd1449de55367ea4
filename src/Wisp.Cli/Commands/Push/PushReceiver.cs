using System.Net;
using System.Security.Cryptography;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Wisp.Cli.Commands.Push;

/// <summary>
/// The UnifiedPush receiving end of <c>wisp daemon --push</c>: a Kestrel endpoint on 127.0.0.1 that takes the push
/// server's <c>POST</c> (the encrypted payload as the body, RFC 8030 headers) and hands the bytes to the daemon. The
/// path carries a random token, so another local process cannot guess the URL; a payload that does not decrypt under
/// the account's key is dropped by the daemon anyway.
/// </summary>
internal sealed class PushReceiver : IAsyncDisposable
{
    // Bounded: a flood of notifications only wakes the daemon; the fetch they cause reads everything new at once.
    private readonly Channel<byte[]> _received = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(PushReceiverLimits.QueuedNotifications) { FullMode = BoundedChannelFullMode.DropOldest });
    private WebApplication? _app;

    private PushReceiver()
    {
    }

    /// <summary>The URL the push server is given (<c>http://127.0.0.1:PORT/push/TOKEN</c>).</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>Payloads as they arrive (each the raw body of one POST).</summary>
    public ChannelReader<byte[]> Received => _received.Reader;

    /// <summary>Listens on 127.0.0.1:<paramref name="port"/> (0 picks a free one).</summary>
    public static async Task<PushReceiver> StartAsync(int port, CancellationToken cancellationToken)
    {
        var receiver = new PushReceiver();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = PushReceiverLimits.MaxBodyBytes;
            kestrel.Listen(IPAddress.Loopback, port);
        });
        var app = builder.Build();
        app.MapPost($"/push/{token}", (Delegate)receiver.TakeAsync);
        app.MapFallback(context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a).Port).First(p => p != 0);
        receiver._app = app;
        receiver.Endpoint = $"http://127.0.0.1:{bound}/push/{token}";
        return receiver;
    }

    private async Task<IResult> TakeAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (BadHttpRequestException)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        if (body.Length == 0)
            return Results.BadRequest("a notification needs a body");
        _received.Writer.TryWrite(body.ToArray());
        return Results.Created(); // RFC 8030's answer to a push message accepted
    }

    public async ValueTask DisposeAsync()
    {
        _received.Writer.TryComplete();
        if (_app is not null)
        {
            using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _app.StopAsync(drain.Token).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>The receiver's bounds.</summary>
internal static class PushReceiverLimits
{
    /// <summary>Notifications waiting to be handled (64: each only wakes a fetch, so older ones can go when it is full).</summary>
    public const int QueuedNotifications = 64;

    /// <summary>Largest notification body taken, in bytes (8 KiB: a payload is at most ~2.5 kB of data, padded to 256, plus 40).</summary>
    public const long MaxBodyBytes = 8 * 1024;
}
