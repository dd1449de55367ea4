using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Node.Hosting;
using Wisp.Node.Peers;
using Wisp.Node.Rpc;
using Wisp.Node.Storage;

namespace Wisp.Node.Swarm;

/// <summary><c>services.AddWispSwarm(…)</c>: a node's role in a network — swarm view, replication, catch-up, migration, peer tests.</summary>
public static class SwarmServiceCollectionExtensions
{
    /// <summary>
    /// Registers <paramref name="registry"/> as the <see cref="INodeRegistry"/> (the onion relay then finds next hops in
    /// it; the container disposes it at stop), the <see cref="RegistrySwarmDirectory"/>, the replicator and the
    /// node-to-node handlers; <paramref name="keys"/> are the node's, which sign its node-to-node requests. Call before <c>AddWispNode</c> so its defaults step aside; the background services are
    /// added by <see cref="AddWispSwarmWorkers"/> after it, so they stop before the store closes.
    /// </summary>
    public static IServiceCollection AddWispSwarm(this IServiceCollection services, INodeRegistry registry, Ed25519KeyPair keys)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(keys);
        services.AddSingleton(_ => registry);
        services.AddSingleton(provider => new SwarmMembership(registry, keys.PublicKey));
        services.AddSingleton<ISwarmDirectory>(provider => new RegistrySwarmDirectory(provider.GetRequiredService<SwarmMembership>()));
        services.AddSingleton(provider => new PeerClient(keys, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ISwarmReplicator, SwarmReplicator>();
        services.AddSingleton<SwarmTransferHandlers>();
        services.AddSingleton<ForwardBatchHandler>();
        services.AddSingleton<StorageCheck>();
        return services;
    }

    /// <summary>Adds catch-up, migration and peer tests, whose state lives in the data directory of <paramref name="options"/>.</summary>
    public static IServiceCollection AddWispSwarmWorkers(this IServiceCollection services, NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(_ => SwarmStateStore.Open(options.DataDirectory));
        services.AddSingleton(_ => PeerTestLog.Open(options.DataDirectory));
        services.AddSingleton(provider => new CatchUpService(
            provider.GetRequiredService<SwarmMembership>(), provider.GetRequiredService<PeerClient>(), provider.GetRequiredService<IMessageStore>(),
            provider.GetRequiredService<SwarmStateStore>(), options.CatchUpInterval, provider.GetRequiredService<ILogger<CatchUpService>>()));
        services.AddSingleton(provider => new MigrationService(
            provider.GetRequiredService<SwarmMembership>(), provider.GetRequiredService<PeerClient>(), provider.GetRequiredService<IMessageStore>(),
            provider.GetRequiredService<SwarmStateStore>(), provider.GetRequiredService<TimeProvider>(), options.CatchUpInterval,
            provider.GetRequiredService<ILogger<MigrationService>>()));
        services.AddSingleton(provider => new PeerTestService(
            provider.GetRequiredService<SwarmMembership>(), provider.GetRequiredService<PeerClient>(), provider.GetRequiredService<IMessageStore>(),
            provider.GetRequiredService<PeerTestLog>(), provider.GetRequiredService<TimeProvider>(), Random.Shared, options.PeerTestInterval,
            provider.GetRequiredService<ILogger<PeerTestService>>()));
        services.AddHostedService(provider => provider.GetRequiredService<CatchUpService>());
        services.AddHostedService(provider => provider.GetRequiredService<MigrationService>());
        services.AddHostedService(provider => provider.GetRequiredService<PeerTestService>());
        return services;
    }
}
