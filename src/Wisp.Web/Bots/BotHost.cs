using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Client;
using Wisp.Hosting;
using Wisp.Web.Api;
using Wisp.Web.Security;

namespace Wisp.Web.Bots;

/// <summary>
/// The server of <c>wisp community bot serve</c>: the bot API (<c>/api/bot/v1/…</c>, docs/BOTS.md) on 127.0.0.1 only,
/// over one opened account, behind a bearer token. It connects the account to the local network (trying again until
/// <c>wisp up</c> runs) and starts it, so the account's rooms are polled; bots see posts on a WebSocket per room and
/// act with HTTP calls.
/// </summary>
public sealed class BotHost : IAsyncDisposable
{
    /// <summary>Where the API's routes start.</summary>
    public const string BasePath = "/api/bot/v1";

    private readonly WebApplication _app;
    private readonly BotStreams _streams;
    private readonly BotConnection? _connection;
    private readonly IAsyncDisposable? _owned;
    private int _stopped;

    private BotHost(WebApplication app, BotStreams streams, BotConnection? connection, IAsyncDisposable? owned, int port)
    {
        _app = app;
        _streams = streams;
        _connection = connection;
        _owned = owned;
        Port = port;
    }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The API's base address (ends with a slash).</summary>
    public string Url => $"http://127.0.0.1:{Port}{BasePath}/";

    /// <summary>Signalled when the server was asked to stop.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>
    /// Serves the bot API over <paramref name="client"/> (opened by the caller, who disposes it after this host), connecting
    /// it to the network in <paramref name="networkFolder"/>.
    /// </summary>
    /// <exception cref="WebStartException">The port cannot be used; the message says why.</exception>
    public static async Task<BotHost> StartAsync(
        WispClient client, string networkFolder, string token, int port, LogLevel logLevel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var connection = new BotConnection(client, networkFolder);
        var community = new SdkBotCommunity(client);
        try
        {
            return await StartAsync(community, connection, community, token, port, logLevel, cancellationToken);
        }
        catch
        {
            await community.DisposeAsync();
            throw;
        }
    }

    internal static async Task<BotHost> StartAsync(
        IBotCommunity community, BotConnection? connection, IAsyncDisposable? owned, string token, int port, LogLevel logLevel, CancellationToken cancellationToken)
    {
        if (port is < 0 or > 65535)
            throw new WebStartException($"--port: {port} is not a port (0 picks a free one, else 1–65535).");
        var address = new ServerAddress();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(logLevel);
        builder.Logging.AddFilter("Microsoft", logLevel <= LogLevel.Debug ? logLevel : LogLevel.Warning);
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = BotLimits.MaxRequestBodyBytes;
            kestrel.Limits.MaxConcurrentConnections = BotLimits.MaxConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = BotLimits.MaxEventStreams;
            // Loopback only: nothing on another machine can connect, whatever the firewall says.
            kestrel.Listen(IPAddress.Loopback, port);
        });
        var streams = new BotStreams(community);
        builder.Services.AddSingleton(new LaunchToken(token));
        builder.Services.AddSingleton(address);
        builder.Services.AddSingleton(community);
        builder.Services.AddSingleton(streams);
        builder.Services.AddSingleton(TimeProvider.System);

        var app = builder.Build();
        try
        {
            app.UseMiddleware<ErrorMiddleware>();
            app.UseMiddleware<BotAuthMiddleware>();
            app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = BotLimits.PingInterval });
            var api = app.MapGroup(BasePath);
            BotEndpoints.Map(api);
            BotEventSocket.Map(api);
            app.MapFallback((RequestDelegate)(context => ApiResults.NotFound($"there is no such bot API call (the calls start with {BasePath}/; see docs/BOTS.md).").ExecuteAsync(context)));

            await app.StartAsync(cancellationToken);
            address.Port = KestrelLifetime.BoundPort(app.Services);
            connection?.Begin();
            return new BotHost(app, streams, connection, owned, address.Port);
        }
        catch (Exception exception)
        {
            await app.DisposeAsync();
            if (KestrelLifetime.PortProblem(exception, "--port", "127.0.0.1", port) is { } problem)
                throw new WebStartException(problem);
            throw;
        }
    }

    /// <summary>Waits until the server is asked to stop or <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) =>
        KestrelLifetime.WaitForShutdownAsync(Stopping, cancellationToken);

    /// <summary>Stops: event streams close (1001), then the server.</summary>
    public async Task StopAsync()
    {
        if (!KestrelLifetime.FirstStop(ref _stopped))
            return;
        _streams.Close();
        if (_connection is not null)
            await _connection.StopAsync();
        await KestrelLifetime.StopAsync(_app, TimeSpan.FromSeconds(5));
        if (_owned is not null)
            await _owned.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
