using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Wisp.Network.Registry;
using Wisp.Node.Admission;
using Wisp.Node.NodeLinks;
using Wisp.Node.Rpc;

namespace Wisp.Node.Onion;

/// <summary><c>services.AddWispOnion()</c>: the onion relay and what it calls.</summary>
public static class OnionServiceCollectionExtensions
{
    /// <summary>
    /// Registers the relay, its node-to-node client (signing its forwards with a <see cref="RelayCredential"/>), the
    /// check that recognises other nodes' forwards (<see cref="IRelayCallerCheck"/>), the server proxy, and, unless already registered, a next-hop
    /// directory (the <see cref="RegistryNextHopDirectory"/> when an <see cref="INodeRegistry"/> is registered, else an
    /// empty <see cref="StaticNextHopDirectory"/>) and the default <see cref="OnionRelayOptions"/> and <see cref="ServerProxyOptions"/>. Needs the node's
    /// services (<see cref="NodeIdentity"/>, <see cref="IStorageRpc"/>, a <see cref="TimeProvider"/>).
    /// </summary>
    public static IServiceCollection AddWispOnion(this IServiceCollection services)
    {
        services.TryAddSingleton<INextHopDirectory>(provider => provider.GetService<INodeRegistry>() is { } registry
            ? new RegistryNextHopDirectory(registry)
            : new StaticNextHopDirectory());
        services.TryAddSingleton(new OnionRelayOptions());
        // Built at first use: the node's identity is known once the server is bound.
        services.TryAddSingleton(provider => new Lazy<RelayCredential>(() => new RelayCredential(
            provider.GetRequiredService<NodeIdentity>().Keys, provider.GetRequiredService<TimeProvider>())));
        services.TryAddSingleton(provider =>
        {
            var credential = provider.GetRequiredService<Lazy<RelayCredential>>();
            return new NodeToNodeClient(provider.GetRequiredService<TimeProvider>(), () => credential.Value);
        });
        services.TryAddSingleton<IRelayCallerCheck>(provider =>
        {
            var credential = provider.GetRequiredService<Lazy<RelayCredential>>();
            return new RelayCallerCheck(provider.GetRequiredService<INextHopDirectory>(), () => credential.Value);
        });
        services.TryAddSingleton(new ServerProxyOptions());
        services.TryAddSingleton(provider => new ServerProxy(
            provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ServerProxyOptions>()));
        services.TryAddSingleton(provider => new OnionRelay(
            provider.GetRequiredService<NodeIdentity>().Keys,
            provider.GetRequiredService<INextHopDirectory>(),
            provider.GetRequiredService<IStorageRpc>(),
            provider.GetRequiredService<NodeToNodeClient>(),
            provider.GetRequiredService<ServerProxy>(),
            provider.GetRequiredService<OnionRelayOptions>(),
            provider.GetService<IOnionObserver>(),
            provider.GetRequiredService<ILogger<OnionRelay>>(),
            provider.GetService<AnswerBuilders>() ?? new AnswerBuilders(new BodyBudget())));
        return services;
    }
}
