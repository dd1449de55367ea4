using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Wisp.Node.Dht;

/// <summary><c>services.AddWispDht()</c>: the node serves the DHT on UDP beside its HTTPS port.</summary>
public static class DhtServiceCollectionExtensions
{
    /// <summary>Registers the DHT host (persistent mode, UDP on the node's port number).</summary>
    public static IServiceCollection AddWispDht(this IServiceCollection services)
    {
        services.AddSingleton<DhtHost>();
        services.AddHostedService(provider => provider.GetRequiredService<DhtHost>());
        return services;
    }
}
