using Microsoft.Extensions.Hosting;

namespace Wisp.Push.Watch;

/// <summary>Follows the registry and keeps a monitor stream open to every node that holds a subscribed account.</summary>
internal sealed class SwarmWatcher : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}
