using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Node.NodeLinks;
using Wisp.Node.Rpc;
using Wisp.Node.Storage;

namespace Wisp.Node.Swarm;

/// <summary><c>services.AddWispSwarm(…)</c>: a node's role in a network — swarm view, replication, catch-up, migration.</summary>
public static class SwarmServiceCollectionExtensions
{
    /// <summary>
    /// Registers <paramref name="registry"/> as the <see cref="INodeRegistry"/> (the onion relay then finds next hops in
    /// it; the container disposes it at stop), the <see cref="RegistrySwarmDirectory"/>, the replicator and the
    /// node-to-node handlers; <paramref name="keys"/> are the node's, which sign its node-to-node requests. Call before
    /// <c>AddWispNode</c> so its defaults step aside; the background services are added by
    /// <see cref="AddWispSwarmWorkers"/> after it, so they stop before the store closes.
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
        services.AddSingleton<IncomingMessageCheck>();
        services.AddSingleton<SwarmTransferHandlers>();
        services.TryAddSingleton(provider => new PeerGate(provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<ForwardBatchHandler>();
        return services;
    }

    /// <summary>Adds catch-up and migration, whose state lives in <paramref name="dataDirectory"/>; catch-up runs every <paramref name="interval"/>.</summary>
    public static IServiceCollection AddWispSwarmWorkers(this IServiceCollection services, string dataDirectory, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        services.AddSingleton(_ => SwarmStateStore.Open(dataDirectory));
        services.AddSingleton(provider => new CatchUpService(
            provider.GetRequiredService<SwarmMembership>(), provider.GetRequiredService<PeerClient>(), provider.GetRequiredService<IMessageStore>(),
            provider.GetRequiredService<SwarmStateStore>(), provider.GetRequiredService<IncomingMessageCheck>(), interval,
            provider.GetRequiredService<ILogger<CatchUpService>>()));
        services.AddSingleton(provider => new MigrationService(
            provider.GetRequiredService<SwarmMembership>(), provider.GetRequiredService<PeerClient>(), provider.GetRequiredService<IMessageStore>(),
            provider.GetRequiredService<SwarmStateStore>(), provider.GetRequiredService<TimeProvider>(), interval,
            provider.GetRequiredService<ILogger<MigrationService>>()));
        services.AddHostedService(provider => provider.GetRequiredService<CatchUpService>());
        services.AddHostedService(provider => provider.GetRequiredService<MigrationService>());
        return services;
    }
}
