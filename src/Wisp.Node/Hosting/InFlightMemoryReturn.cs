using System.Runtime;
using Microsoft.Extensions.Hosting;
using Wisp.Node.Admission;

namespace Wisp.Node.Hosting;

/// <summary>
/// Gives memory back to the machine after a burst: when the in-flight budget was more than half used since the last
/// look and is nearly empty now (the burst is over: clients took their answers or were dropped), the node runs one
/// compacting collection, large objects included. Without it the runtime keeps the heap a burst grew to until
/// allocation pressure happens to trigger a collection, which on an idle node may be never. Looks every
/// <see cref="Limits.MemoryReturnInterval"/>; a collection at most once a look.
/// </summary>
internal sealed class InFlightMemoryReturn(BodyBudget budget, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Limits.MemoryReturnInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var recent = budget.TakeRecentPeak();
                if (recent <= budget.Limit / 2 || budget.Used > budget.Limit / 8) continue;
                GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
