using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Wisp.Node.Monitor;

/// <summary><c>services.AddWispMonitor()</c>: the message monitor's dispatcher and bounds.</summary>
internal static class MonitorServiceCollectionExtensions
{
    public static IServiceCollection AddWispMonitor(this IServiceCollection services)
    {
        services.TryAddSingleton(MonitorBounds.Default);
        services.AddSingleton<MonitorHub>();
        services.AddHostedService(provider => provider.GetRequiredService<MonitorHub>());
        return services;
    }
}
