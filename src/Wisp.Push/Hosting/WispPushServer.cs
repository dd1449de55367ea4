using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Keys;
using Wisp.Hosting;
using Wisp.Network.Registry;
using Wisp.Protocol.Push;
using Wisp.Protocol.Servers;
using Wisp.Push.Api;
using Wisp.Push.Delivery;
using Wisp.Push.Onion;
using Wisp.Push.Storage;

namespace Wisp.Push.Hosting;

/// <summary>
/// A running push server: Kestrel over plain HTTP (onion layers carry their own encryption, as for Session's push
/// server), the SQLite database, the X25519 key clients encrypt to, the delivery loop, the expiry sweep and, given a
/// registry, the watcher of the subscribed accounts' swarms. <c>pushserver.json</c> in the data directory says where it
/// listens.
/// </summary>
public sealed class WispPushServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X25519KeyPair _key;
    private readonly PushDatabase _database;
    private readonly FileRegistry? _registry;
    private int _stopped;

    private WispPushServer(WebApplication app, X25519KeyPair key, PushDatabase database, FileRegistry? registry, string url, int port)
    {
        _app = app;
        _key = key;
        _database = database;
        _registry = registry;
        Url = url;
        Port = port;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:8090</c>.</summary>
    public string Url { get; }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The X25519 key clients encrypt their last onion layer to.</summary>
    public X25519PublicKey PublicKey => _key.PublicKey;

    /// <summary>Signalled when the server was asked to stop.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    internal IServiceProvider Services => _app.Services;

    /// <summary>Starts a push server on <paramref name="time"/> (the system clock by default).</summary>
    /// <exception cref="PushServerStartException">The options, data directory, registry or port cannot be used; the problems say why.</exception>
    public static async Task<WispPushServer> StartAsync(PushServerOptions options, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
            throw new PushServerStartException(problems);
        time ??= TimeProvider.System;
        var directory = Path.GetFullPath(options.DataDirectory);
        try
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
            else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PushServerStartException([$"--data: {directory} cannot be created ({exception.Message})."]);
        }

        var registry = OpenRegistry(options);
        var key = ServerKeyFile.LoadOrCreateX25519(Path.Combine(directory, "server_x25519.key"), "push server", message => new PushServerStartException([message]));
        var database = new PushDatabase(Path.Combine(directory, "push.db"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(options.LogLevel);
        builder.Logging.AddFilter("Microsoft", options.LogLevel <= LogLevel.Debug ? options.LogLevel : LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console => { console.SingleLine = true; console.UseUtcTimestamp = true; });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = Limits.MaxRequestBodyBytes;
            kestrel.Limits.MaxConcurrentConnections = Limits.MaxConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = 0;
            kestrel.Listen(IPAddress.Parse(options.Host), options.Port);
        });
        builder.Services.AddPushServer(options, time, database, key, registry);

        var app = builder.Build();
        try
        {
            app.Run(HttpAdapter.HandleAsync);
            await app.StartAsync(cancellationToken);
            var port = KestrelLifetime.BoundPort(app.Services);
            var host = options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host;
            var url = $"http://{host}:{port}";
            var run = new ServerRunFile(url, options.Host, port, Environment.ProcessId, key.PublicKey.ToHex(), time.GetUtcNow());
            var runPath = Path.Combine(directory, PushServerRunFile.FileName);
            await File.WriteAllBytesAsync(runPath + ".tmp", run.ToBytes(), cancellationToken);
            File.Move(runPath + ".tmp", runPath, overwrite: true);
            return new WispPushServer(app, key, database, registry, url, port);
        }
        catch (Exception exception)
        {
            await app.DisposeAsync();
            database.Dispose();
            registry?.Dispose();
            key.Dispose();
            if (KestrelLifetime.PortProblem(exception, "--port", options.Host, options.Port) is { } problem)
                throw new PushServerStartException([problem]);
            throw;
        }
    }

    /// <summary>Runs the expiry sweep once now (tests move the clock and call this instead of waiting).</summary>
    internal int Sweep() => _app.Services.GetRequiredService<ExpirySweeper>().Sweep();

    /// <summary>Waits until the server is asked to stop or <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) =>
        KestrelLifetime.WaitForShutdownAsync(Stopping, cancellationToken);

    /// <summary>Stops accepting requests, lets those in flight finish (up to 10 s) and stops the background work.</summary>
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
        _registry?.Dispose();
        _key.Dispose();
    }

    /// <summary>Opens the registry of <c>--registry</c> (none without it); a file that is missing or does not verify stops the start.</summary>
    private static FileRegistry? OpenRegistry(PushServerOptions options)
    {
        if (options.RegistryPath is null) return null;
        var opened = FileRegistry.Open(
            new FileRegistryOptions { Path = options.RegistryPath, RegistryKey = Ed25519PublicKey.FromHex(options.RegistryKey!) }, TimeProvider.System);
        return opened.IsSuccess
            ? opened.Value
            : throw new PushServerStartException([$"--registry: {options.RegistryPath} cannot be used: {opened.Error!.Message}."]);
    }
}
