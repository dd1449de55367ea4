using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Hosting;
using Wisp.Web.Api;
using Wisp.Web.Security;
using Wisp.Web.Session;
using Wisp.Web.Static;

namespace Wisp.Web;

/// <summary>
/// The server of <c>wisp web</c>: Kestrel on 127.0.0.1 only, the JSON API and the live event stream over the SDK's
/// <see cref="Client.WispClient"/>, and the embedded front end, all behind the launch token and the Host and Origin
/// checks (<see cref="LocalOnlyMiddleware"/>). <see cref="Url"/> is what to open: it carries the token in its fragment.
/// </summary>
public sealed class WispWebHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebSession _session;
    private int _stopped;

    private WispWebHost(WebApplication app, WebSession session, LaunchToken token, ServerAddress address, FrontEndFiles files)
    {
        _app = app;
        _session = session;
        Token = token.Value;
        BaseUrl = address.Url;
        Port = address.Port;
        HasFrontEnd = files.IsBuilt;
    }

    /// <summary>What the server says (and <c>wisp web</c> warns) when this binary has no front end built in.</summary>
    public const string FrontEndNotBuilt = FrontEndFiles.NotBuilt;

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The server's address, without the token.</summary>
    public string BaseUrl { get; }

    /// <summary>The address to open: the server with the launch token in the fragment (which a browser never sends).</summary>
    public string Url => $"{BaseUrl}#token={Token}";

    /// <summary>False when this binary was built without the front end (the API works; <c>/</c> says how to build it).</summary>
    public bool HasFrontEnd { get; }

    /// <summary>The launch token.</summary>
    internal string Token { get; }

    /// <summary>Signalled when the server was asked to stop.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>Starts the server; a profile without a passphrase is unlocked at once.</summary>
    /// <exception cref="WebStartException">The options or the port cannot be used; the message says why.</exception>
    public static async Task<WispWebHost> StartAsync(WebOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
            throw new WebStartException(string.Join(" ", problems));
        var token = options.Token is { } fixedToken ? new LaunchToken(fixedToken) : LaunchToken.Create();
        var address = new ServerAddress();
        var files = options.FrontEnd is { } given ? FrontEndFiles.From(given) : FrontEndFiles.Load();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft", options.LogLevel <= LogLevel.Debug ? options.LogLevel : LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console => { console.SingleLine = true; console.UseUtcTimestamp = true; });
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = WebLimits.MaxRequestBodyBytes;
            kestrel.Limits.MaxConcurrentConnections = WebLimits.MaxConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
            // Loopback only: nothing on another machine can connect, whatever the firewall says.
            kestrel.Listen(IPAddress.Loopback, options.Port);
        });
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(token);
        builder.Services.AddSingleton(address);
        builder.Services.AddSingleton(files);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<WebSession>();
        builder.Services.AddSingleton<OpenStreams>();
        builder.Services.AddSingleton<WebTransfers>();

        var app = builder.Build();
        try
        {
            app.UseMiddleware<ErrorMiddleware>();
            app.UseMiddleware<LocalOnlyMiddleware>();
            var api = app.MapGroup("/api");
            SessionEndpoints.Map(api);
            AccountEndpoints.Map(api);
            ConversationEndpoints.Map(api);
            MessageEndpoints.Map(api);
            ContactEndpoints.Map(api);
            NetworkEndpoints.Map(api);
            DirectEndpoints.Map(api);
            GroupEndpoints.Map(api);
            CommunityEndpoints.Map(api);
            AttachmentEndpoints.Map(api);
            PictureEndpoints.Map(api);
            EventStream.Map(api);
            app.MapFallback("/api/{**rest}", (RequestDelegate)(context => ApiResults.NotFound("there is no such API call.").ExecuteAsync(context)));
            // Every other path, files (assets/app-1a2b.js) included: the default fallback pattern would skip paths with a dot.
            app.MapFallback("{**path}", (RequestDelegate)files.ServeAsync);

            await app.StartAsync(cancellationToken);
            address.Port = KestrelLifetime.BoundPort(app.Services);
            var session = app.Services.GetRequiredService<WebSession>();
            await session.OpenIfUnprotectedAsync();
            return new WispWebHost(app, session, token, address, files);
        }
        catch (Exception exception)
        {
            await app.DisposeAsync();
            if (KestrelLifetime.PortProblem(exception, "--port", "127.0.0.1", options.Port) is { } problem)
                throw new WebStartException(problem);
            throw;
        }
    }

    /// <summary>Waits until the server is asked to stop or <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) =>
        KestrelLifetime.WaitForShutdownAsync(Stopping, cancellationToken);

    /// <summary>Stops: open event streams end, the account is locked (pending messages stay in the outbox).</summary>
    public async Task StopAsync()
    {
        if (!KestrelLifetime.FirstStop(ref _stopped))
            return;
        // Locking first ends the event streams (their client's events complete), so Kestrel need not wait on them.
        await _session.LockAsync();
        await KestrelLifetime.StopAsync(_app, TimeSpan.FromSeconds(5));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _session.DisposeAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>The web server could not start; the message says why and what to do.</summary>
public sealed class WebStartException(string message) : Exception(message);

/// <summary>Anything unexpected: logged in full, answered with a generic 500 (no internals go to the page).</summary>
internal sealed partial class ErrorMiddleware(RequestDelegate next, ILogger<ErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted && exception is not OperationCanceledException)
        {
            Failed(logger, context.Request.Method, context.Request.Path.Value ?? "", exception);
            context.Response.Clear();
            SecurityHeaders.Apply(context.Response);
            await ApiResults.Error(StatusCodes.Status500InternalServerError, "something went wrong in the server; its log says what.").ExecuteAsync(context);
        }
    }

    [LoggerMessage(LogLevel.Error, "{Method} {Path} failed")]
    private static partial void Failed(ILogger logger, string method, string path, Exception exception);
}
