using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Node.NodeLinks;
using Wisp.Node.Storage;
using Wisp.Node.Swarm;
using Wisp.Protocol.Peering;

namespace Wisp.Node.Peers;

/// <summary><c>services.AddWispPeerTests(…)</c> and <c>app.MapWispPeerTests()</c>: testing other nodes, and answering their tests.</summary>
public static class PeerTestExtensions
{
    /// <summary>
    /// Registers the <see cref="StorageCheck"/> answerer, the <see cref="PeerTestLog"/> in <paramref name="dataDirectory"/>
    /// and the <see cref="PeerTestService"/> testing one node every <paramref name="interval"/>. Needs the swarm's
    /// services (<c>AddWispSwarm</c>); call after the store is registered, so the tests stop before it closes.
    /// </summary>
    public static IServiceCollection AddWispPeerTests(this IServiceCollection services, string dataDirectory, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        services.AddSingleton<StorageCheck>();
        services.AddSingleton(_ => PeerTestLog.Open(dataDirectory));
        services.AddSingleton(provider => new PeerTestService(
            provider.GetRequiredService<SwarmMembership>(), provider.GetRequiredService<PeerClient>(), provider.GetRequiredService<IMessageStore>(),
            provider.GetRequiredService<PeerTestLog>(), provider.GetRequiredService<TimeProvider>(), Random.Shared, interval,
            provider.GetRequiredService<ILogger<PeerTestService>>()));
        services.AddHostedService(provider => provider.GetRequiredService<PeerTestService>());
        return services;
    }

    /// <summary>Maps the storage check route for authenticated swarm peers.</summary>
    public static IEndpointRouteBuilder MapWispPeerTests(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPeerRoute(StorageCheckRequest.Route, (s, r, ct) => s.GetRequiredService<StorageCheck>().AnswerAsync(r, ct));
}
