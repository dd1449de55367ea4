using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Keys;
using Wisp.Files.Api;
using Wisp.Files.Onion;
using Wisp.Files.Storage;
using Wisp.Hosting;
using Wisp.Protocol.Files;
using Wisp.Protocol.Servers;

namespace Wisp.Files.Hosting;

/// <summary>
/// A running file server: Kestrel over plain HTTP (the onion layers carry their own encryption, as for Session's file
/// server), the SQLite index and the stored bytes in the data directory, the X25519 key clients encrypt to, and the
/// expiry sweep. <c>fileserver.json</c> in the data directory says where it listens.
/// </summary>
public sealed class WispFileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly X25519KeyPair _key;
    private readonly FileIndex _index;
    private int _stopped;

    private WispFileServer(WebApplication app, X25519KeyPair key, FileIndex index, string url, int port)
    {
        _app = app;
        _key = key;
        _index = index;
        Url = url;
        Port = port;
    }

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:8080</c>.</summary>
    public string Url { get; }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary>The X25519 key clients encrypt their last onion layer to.</summary>
    public X25519PublicKey PublicKey => _key.PublicKey;

    /// <summary>Signalled when the server was asked to stop.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>Runs the expiry sweep once now (tests move the clock and call this instead of waiting).</summary>
    internal Task<int> SweepAsync(CancellationToken cancellationToken) =>
        _app.Services.GetRequiredService<ExpirySweeper>().SweepAsync(cancellationToken);

    /// <summary>Starts a file server on <paramref name="time"/> (the system clock by default).</summary>
    /// <exception cref="FileServerStartException">The options, data directory or port cannot be used; the problems say why.</exception>
    public static async Task<WispFileServer> StartAsync(FileServerOptions options, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Validate() is { Count: > 0 } problems)
            throw new FileServerStartException(problems);
        time ??= TimeProvider.System;
        var directory = Path.GetFullPath(options.DataDirectory);
        try
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(directory);
            else Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new FileServerStartException([$"--data: {directory} cannot be created ({exception.Message})."]);
        }

        var key = ServerKeyFile.LoadOrCreateX25519(Path.Combine(directory, "server_x25519.key"), "file server", message => new FileServerStartException([message]));
        var index = new FileIndex(Path.Combine(directory, "files.db"));
        var blobs = new BlobStore(directory);
        var budget = new DiskBudget(options, index.TotalBytes(), index.BytesByUploader(), () => FreeSpace(blobs.Root));
        var store = new FileStore(options, time, index, blobs, budget);

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
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<FileApi>();
        builder.Services.AddSingleton(services =>
        {
            var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("Wisp.Files");
            return new OnionV4Handler(key, services.GetRequiredService<FileApi>(), exception => HttpAdapterLog.Failed(logger, exception));
        });
        builder.Services.AddSingleton<ExpirySweeper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ExpirySweeper>());

        var app = builder.Build();
        try
        {
            app.Run(HttpAdapter.HandleAsync);
            await app.StartAsync(cancellationToken);
            var port = KestrelLifetime.BoundPort(app.Services);
            var host = options.Host.Contains(':', StringComparison.Ordinal) ? $"[{options.Host}]" : options.Host;
            var url = $"http://{host}:{port}";
            var run = new ServerRunFile(url, options.Host, port, Environment.ProcessId, key.PublicKey.ToHex(), time.GetUtcNow());
            var runPath = Path.Combine(directory, FileServerRunFile.FileName);
            await File.WriteAllBytesAsync(runPath + ".tmp", run.ToBytes(), cancellationToken);
            File.Move(runPath + ".tmp", runPath, overwrite: true);
            return new WispFileServer(app, key, index, url, port);
        }
        catch (Exception exception)
        {
            await app.DisposeAsync();
            index.Dispose();
            key.Dispose();
            if (KestrelLifetime.PortProblem(exception, "--port", options.Host, options.Port) is { } problem)
                throw new FileServerStartException([problem]);
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
        _index.Dispose();
        _key.Dispose();
    }

    /// <summary>Free bytes on the disk holding <paramref name="path"/>; unlimited when the system cannot tell.</summary>
    private static long FreeSpace(string path)
    {
        try
        {
            return new DriveInfo(path).AvailableFreeSpace;
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return long.MaxValue / 2;
        }
    }
}
