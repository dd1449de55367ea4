using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Keys;
using Wisp.Hosting;
using Wisp.Node.Admission;
using Wisp.Node.Metrics;
using Wisp.Node.Monitor;
using Wisp.Node.Onion;
using Wisp.Node.Peers;
using Wisp.Node.Rpc;
using Wisp.Node.Storage;
using Wisp.Node.Swarm;

namespace Wisp.Node.Hosting;

/// <summary><c>services.AddWispNode(…)</c>: everything a node runs, registered once.</summary>
public static class NodeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the node's services: options, clock, message store (opened at start, drained at stop), expiry
    /// sweeper, admission limits, metrics, identity, swarm view and the storage RPC. Services registered before
    /// this call (a <see cref="TimeProvider"/>, an <see cref="ISwarmDirectory"/>) are kept.
    /// </summary>
    /// <remarks>
    /// With a <paramref name="registry"/> the node takes part in a network: the registry is registered as
    /// <see cref="Network.Registry.INodeRegistry"/>, swarms come from it, recursive requests are replicated to swarm
    /// peers, and catch-up, migration (<see cref="Swarm.SwarmServiceCollectionExtensions"/>) and peer tests
    /// (<see cref="PeerTestExtensions"/>) run.
    /// </remarks>
    public static IServiceCollection AddWispNode(
        this IServiceCollection services, NodeOptions options, Ed25519KeyPair keys, Network.Registry.INodeRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        if (registry is not null)
            services.AddWispSwarm(registry, keys);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(provider => SqliteMessageStore.Open(
            new MessageStoreOptions
            {
                DatabasePath = Path.Combine(options.DataDirectory, MessageStoreSchema.FileName),
                StorageCapBytes = options.StorageCapBytes,
                SynchronousFull = options.SynchronousFull,
            },
            provider.GetRequiredService<ILogger<SqliteMessageStore>>()));
        services.AddSingleton<IMessageStore>(provider => provider.GetRequiredService<SqliteMessageStore>());
        services.AddSingleton(provider => provider.GetRequiredService<SqliteMessageStore>().Arrivals);
        // Registered before the sweeper so it stops after it: hosted services stop in reverse order.
        services.AddHostedService<MessageStoreLifetime>();
        services.AddHostedService(provider => new ExpirySweeper(
            provider.GetRequiredService<IMessageStore>(), provider.GetRequiredService<TimeProvider>(),
            options.ExpirySweepInterval, provider.GetRequiredService<ILogger<ExpirySweeper>>()));

        services.AddSingleton(provider => new ClientRateLimiter(
            options.RateLimitPerSecond, options.RateLimitBurst, provider.GetRequiredService<TimeProvider>()));
        var budget = new BodyBudget(options.InFlightBudgetBytes);
        services.AddSingleton(budget);
        services.AddSingleton(new AnswerBuilders(budget));
        services.AddHostedService(provider => new InFlightMemoryReturn(budget, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(new ClientConcurrency(new ConcurrencyLimiter(options.MaxConcurrentRequestsPerClient)));
        services.AddSingleton(provider => new RelayLimiters(
            new ClientRateLimiter(
                options.RateLimitPerSecond * Limits.RelayAllowanceMultiplier, options.RateLimitBurst * Limits.RelayAllowanceMultiplier,
                provider.GetRequiredService<TimeProvider>()),
            new ConcurrencyLimiter(Limits.MaxConcurrentRelayedPerNode)));
        services.AddSingleton(provider => new NodeMetrics(provider.GetRequiredService<TimeProvider>()));

        // Resolved at the first request, when the server is bound and a port 0 has become a real port.
        services.AddSingleton(provider => new NodeIdentity(keys, options.Host, BoundPort(provider, options)));
        services.TryAddSingleton<ISwarmDirectory>(provider => new SingleNodeSwarmDirectory(provider.GetRequiredService<NodeIdentity>()));
        services.TryAddSingleton<IStorageRpc, StorageRpc>();
        services.TryAddSingleton(options.ServerProxy);
        services.AddWispOnion();
        services.AddWispMonitor();
        if (options.Dht) Node.Dht.DhtServiceCollectionExtensions.AddWispDht(services);
        if (registry is not null)
        {
            services.AddWispSwarmWorkers(options.DataDirectory, options.CatchUpInterval);
            services.AddWispPeerTests(options.DataDirectory, options.PeerTestInterval);
        }
        return services;
    }

    /// <summary>The port the server is listening on (the configured one, or the one a port 0 was given).</summary>
    internal static int BoundPort(IServiceProvider provider, NodeOptions options)
    {
        if (options.Port != 0) return options.Port;
        var bound = KestrelLifetime.BoundPort(provider);
        return bound != 0 ? bound : throw new InvalidOperationException("The node's port is not known before the server has started.");
    }

    /// <summary>Opens the store when the node starts (a bad database fails the start) and drains it when it stops.</summary>
    private sealed class MessageStoreLifetime(SqliteMessageStore store, ILogger<SqliteMessageStore> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            NodeLog.Stopping(logger);
            await store.DisposeAsync();
            NodeLog.Stopped(logger);
        }
    }
}
