using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Community.Api;
using Wisp.Community.Auth;
using Wisp.Community.Onion;
using Wisp.Community.Storage;
using Wisp.Crypto.Keys;
using Wisp.Hosting;
using Wisp.Protocol.Community;

namespace Wisp.Community.Hosting;

/// <summary>
/// A running community server: Kestrel over plain HTTP (onion layers carry their own encryption, as for pysogs behind
/// its relay), the SQLite database and the server key in the data directory. <c>community.json</c> there says where it
/// listens and its public key.
/// </summary>
public sealed class WispCommunityServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ServerKeys _keys;
    private readonly CommunityDatabase _database;
    private int _stopped;

    private WispCommunityServer(WebApplication app, ServerKeys keys, CommunityDatabase database, string url, int port)
    {
        _app = app;
        _keys = keys;
        _database = database;
        Url = url;
        Port = port;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:8081</c>.</summary>
    public string Url { get; }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The X25519 key clients encrypt to, blind against and sign for (the join URL's <c>public_key</c>).</summary>
    public X25519PublicKey PublicKey => _keys.PublicKey;

    /// <summary>Signalled when the server was asked to stop.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>The server's shared services (tests and the admin command reach the stores through this).</summary>
    internal CommunityServices Services => _app.Services.GetRequiredService<CommunityServices>();

    /// <summary>Starts a community server on <paramref name="time"/> (the system clock by default).</summary>
    /// <exception cref="CommunityServerStartException">The options, data directory or port cannot be used; the problems say why.</exception>
    public static async Task<WispCommunityServer> StartAsync(CommunityServerOptions options, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
            throw new CommunityServerStartException(problems);
        time ??= TimeProvider.System;
        var directory = Path.GetFullPath(options.DataDirectory);
        try
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
            else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommunityServerStartException([$"--data: {directory} cannot be created ({exception.Message})."]);
        }

        var keys = ServerKeys.LoadOrCreate(directory);
        var database = new CommunityDatabase(Path.Combine(directory, CommunityDatabase.FileName));
        var services = new CommunityServices(database, time, keys, options with { DataDirectory = directory });

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft", options.LogLevel <= LogLevel.Debug ? options.LogLevel : LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console => { console.SingleLine = true; console.UseUtcTimestamp = true; });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Limits.MaxRequestBodyBytes;
            kestrel.Limits.MaxConcurrentConnections = Limits.MaxConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
            kestrel.Listen(IPAddress.Parse(options.Host), options.Port);
        });
        builder.Services.AddSingleton(services);
        builder.Services.AddSingleton<CommunityApi>();
        builder.Services.AddSingleton(provider =>
        {
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Wisp.Community");
            return new CommunityOnion(keys.X25519, provider.GetRequiredService<CommunityApi>(), exception => HttpAdapterLog.Failed(logger, exception));
        });
        builder.Services.AddHostedService<NonceSweeper>();
        builder.Services.AddHostedService<Moderation.ExpirySweeper>();

        var app = builder.Build();
        try
        {
            app.Run(HttpAdapter.HandleAsync);
            await app.StartAsync(cancellationToken);
            var port = KestrelLifetime.BoundPort(app.Services);
            var host = options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host;
            var url = $"http://{host}:{port}";
            var run = new CommunityRunFile(url, options.Host, port, Environment.ProcessId, keys.PublicKey.ToHex(), time.GetUtcNow());
            var runPath = Path.Combine(directory, CommunityRunFile.FileName);
            await File.WriteAllBytesAsync(runPath + ".tmp", run.ToBytes(), cancellationToken);
            File.Move(runPath + ".tmp", runPath, overwrite: true);
            return new WispCommunityServer(app, keys, database, url, port);
        }
        catch (Exception exception)
        {
            await app.DisposeAsync();
            database.Dispose();
            keys.Dispose();
            if (KestrelLifetime.PortProblem(exception, "--listen", options.Host, options.Port) is { } problem)
                throw new CommunityServerStartException([problem]);
            throw;
        }
    }

    /// <summary>Waits until the server is asked to stop or <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) =>
        KestrelLifetime.WaitForShutdownAsync(Stopping, cancellationToken);

    /// <summary>Stops accepting requests and lets those in flight finish (up to 10 s).</summary>
    public async Task StopAsync()
    {
        if (!KestrelLifetime.FirstStop(ref _stopped))
            return;
        await KestrelLifetime.StopAsync(_app, TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        _database.Dispose();
        _keys.Dispose();
    }
}
