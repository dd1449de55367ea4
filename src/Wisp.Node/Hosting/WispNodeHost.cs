using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Keys;
using Wisp.Hosting;
using Wisp.Network.Registry;

namespace Wisp.Node.Hosting;

/// <summary>
/// A running node: validates options, loads or creates the identity and certificate, starts Kestrel over HTTPS and
/// records where it listens. Used by <c>wisp node run</c> and, in-process, by tests (port 0 picks a free port).
/// </summary>
public sealed class WispNodeHost : IAsyncDisposable
{
    /// <summary>The file in the data directory recording the highest registry version the node accepted.</summary>
    public const string RegistryHighWaterFileName = "registry-accepted.json";

    private readonly WebApplication _app;
    private readonly Ed25519KeyPair _keys;
    private readonly X509Certificate2 _certificate;
    private int _stopped;

    private WispNodeHost(WebApplication app, Ed25519KeyPair keys, X509Certificate2 certificate, NodeIdentity identity, NodeOptions options)
    {
        _app = app;
        _keys = keys;
        _certificate = certificate;
        Identity = identity;
        Options = options;
    }

    /// <summary>The node software version (for status and <c>info</c>).</summary>
    public static string Version { get; } =
        typeof(WispNodeHost).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "0.0.0";

    /// <summary>Who the node is and where it listens (with the real port when 0 was asked for).</summary>
    public NodeIdentity Identity { get; }

    /// <summary>The options it runs with.</summary>
    public NodeOptions Options { get; }

    /// <summary>The port it listens on.</summary>
    public int Port => Identity.Port;

    /// <summary>Its HTTPS base URL.</summary>
    public string Url => Identity.Url;

    /// <summary>The node's TLS certificate (to pin it).</summary>
    public X509Certificate2 Certificate => _certificate;

    /// <summary>The node's services (its store, metrics…), for tests and tools in the same process.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>Signalled when something asked the node to stop (<see cref="StopAsync"/>, or the application lifetime).</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    /// <summary>
    /// Starts a node. <paramref name="configure"/> may add to the builder before it is built (tests replace the clock
    /// or logging this way).
    /// </summary>
    /// <exception cref="NodeStartException">The options, key, certificate or port cannot be used; the message says why.</exception>
    /// <remarks>
    /// <paramref name="chainRegistry"/>: a registry opened by the caller (the staked registry on a chain) to serve in
    /// instead of <see cref="NodeOptions.RegistryPath"/>'s file; the caller keeps ownership of it.
    /// </remarks>
    public static async Task<WispNodeHost> StartAsync(
        NodeOptions options, CancellationToken cancellationToken, Action<WebApplicationBuilder>? configure = null, INodeRegistry? chainRegistry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0) throw new NodeStartException(problems);

        if (!NodeKeyStore.TryLoadOrCreate(options.DataDirectory, out var keys, out var created, out var keyProblem))
            throw new NodeStartException([keyProblem]);
        if (!NodeCertificate.TryLoadOrCreate(options.DataDirectory, options.Host, TimeProvider.System, out var certificate, out var certificateProblem))
        {
            keys.Dispose();
            throw new NodeStartException([certificateProblem]);
        }

        var registry = chainRegistry is null ? OpenRegistry(options) : (chainRegistry, null);
        if (registry.Problem is { } registryProblem)
        {
            keys.Dispose();
            certificate.Dispose();
            throw new NodeStartException([registryProblem]);
        }

        WebApplication? app = null;
        try
        {
            // No reload of appsettings on change: it watches the content root (the data directory) and its subfolders,
            // so every write SQLite makes there woke a watcher thread (about 7 % of the node's CPU under stores).
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
            {
                ContentRootPath = Path.GetFullPath(options.DataDirectory),
                Args = ["--hostBuilder:reloadConfigOnChange=false"],
            });
            ConfigureLogging(builder.Logging, options);
            builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
            builder.WebHost.ConfigureKestrel(kestrel => KestrelSetup.Configure(kestrel, options, certificate));
            builder.Services.AddWispNode(options, keys, registry.Registry);
            configure?.Invoke(builder);

            app = builder.Build();
            app.MapWispNode();
            await app.StartAsync(cancellationToken);

            var logger = app.Services.GetRequiredService<ILogger<WispNodeHost>>();
            if (registry.Registry is { } followed) FollowRegistry(followed, keys.PublicKey, app.Services.GetRequiredService<ILogger<FileRegistry>>());
            if (created) NodeLog.IdentityCreated(logger, options.DataDirectory);
            var identity = new NodeIdentity(keys, options.Host, NodeServiceCollectionExtensions.BoundPort(app.Services, options));
            new NodeRunFile(identity.Url, identity.Host, identity.Port, Environment.ProcessId, keys.PublicKey.ToHex(),
                keys.X25519PublicKey.ToHex(), DateTimeOffset.UtcNow).Write(options.DataDirectory);
            NodeLog.Started(logger, identity.Url);
            return new WispNodeHost(app, keys, certificate, identity, options);
        }
        catch (Exception exception)
        {
            if (app is not null) await app.DisposeAsync();
            else if (chainRegistry is null) (registry.Registry as IDisposable)?.Dispose();
            keys.Dispose();
            certificate.Dispose();
            switch (KestrelLifetime.Classify(exception))
            {
                case ListenFailure.AddressInUse:
                    throw new NodeStartException([$"--port: {options.Host} port {options.Port} is already in use. Stop the other process or choose another port."]);
                case ListenFailure.AddressNotAvailable:
                    throw new NodeStartException([$"--host: {options.Host} is not an address of this machine. Use one of its addresses, or 0.0.0.0 / :: for all."]);
            }
            throw;
        }
    }

    /// <summary>Waits until something asks the node to stop, or <paramref name="cancellationToken"/> is cancelled.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken) =>
        KestrelLifetime.WaitForShutdownAsync(Stopping, cancellationToken);

    /// <summary>Stops gracefully: no new connections, requests in flight finish, queued writes commit.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (!KestrelLifetime.FirstStop(ref _stopped)) return;
        await _app.StopAsync(cancellationToken);
    }

    /// <summary>Stops (if still running) and releases the keys, certificate and database.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        _keys.Dispose();
        _certificate.Dispose();
    }

    /// <summary>Opens the registry of <c>--registry</c> (none without it); a file that is missing or does not verify stops the start.</summary>
    private static (INodeRegistry? Registry, string? Problem) OpenRegistry(NodeOptions options)
    {
        if (!options.HasRegistry) return (null, null);
        var opened = FileRegistry.Open(
            new FileRegistryOptions
            {
                Path = options.RegistryPath!,
                RegistryKey = Ed25519PublicKey.FromHex(options.RegistryKeyHex!),
                HighWaterPath = Path.Combine(options.DataDirectory, RegistryHighWaterFileName),
            },
            TimeProvider.System);
        return opened.IsSuccess
            ? (opened.Value, null)
            : (null, opened.Error.Kind is RegistryErrorKind.RolledBack or RegistryErrorKind.HistoryRewritten
                ? $"--registry: {options.RegistryPath} cannot be used: {opened.Error.Message} (recorded in {RegistryHighWaterFileName})."
                : $"--registry: {options.RegistryPath} cannot be used: {opened.Error.Message}. Create it with `wisp net` (or `wisp up`) and pass its key as --registry-key.");
    }

    /// <summary>Logs each registry version taken and each update rejected (the last good version stays in force).</summary>
    private static void FollowRegistry(INodeRegistry registry, Ed25519PublicKey self, ILogger logger)
    {
        registry.Rejected += (_, e) => Swarm.SwarmLog.RegistryRejected(logger, e.Error.ToString());
        registry.Changed += (_, e) => Swarm.SwarmLog.RegistryChanged(logger, e.Current.ToString(), e.Current.Swarms.SwarmOf(self)?.Id.ToString("x") ?? "none");
    }

    private static void ConfigureLogging(ILoggingBuilder logging, NodeOptions options)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(options.LogLevel);
        // ASP.NET Core logs every request at Information; at Debug and below an operator wants them, otherwise not.
        logging.AddFilter("Microsoft", options.LogLevel <= LogLevel.Debug ? options.LogLevel : LogLevel.Warning);
        // Logs go to stderr; stdout carries only what the command prints (so `--json` output stays parseable).
        if (options.JsonLogs)
            logging.AddJsonConsole(console => { console.UseUtcTimestamp = true; console.TimestampFormat = "O"; });
        else
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.UseUtcTimestamp = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            });
        logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
    }
}
