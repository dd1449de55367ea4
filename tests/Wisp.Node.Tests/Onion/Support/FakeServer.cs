using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Wisp.Node.Tests.Onion.Support;

/// <summary>
/// A stand-in for a community/file/push server on http://127.0.0.1: records every body POSTed to any path and
/// answers with fixed bytes and status, or (when <see cref="Stall"/> is set) not at all.
/// </summary>
internal sealed class FakeServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeServer(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, string Query, byte[] Body)> Received { get; } = new();

    public byte[] Answer { get; set; } = [];
    public int AnswerStatus { get; set; } = 200;
    public bool Stall { get; set; }

    public int Port => new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;

    public static async Task<FakeServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeServer(app);
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            server.Received.Enqueue((context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", body.ToArray()));
            if (server.Stall) await Task.Delay(Timeout.Infinite, context.RequestAborted);
            context.Response.StatusCode = server.AnswerStatus;
            context.Response.ContentType = "application/octet-stream";
            await context.Response.Body.WriteAsync(server.Answer, context.RequestAborted);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
