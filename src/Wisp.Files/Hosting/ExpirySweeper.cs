using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Files.Api;

namespace Wisp.Files.Hosting;

/// <summary>
/// The cleanup loop: every <see cref="FileServerOptions.CleanupInterval"/> it deletes what expired, index rows first
/// (so nothing serves them) and then their bytes, giving their size back to the budget. Expired entries already answer
/// 404 before the sweep; it only frees the disk.
/// </summary>
internal sealed partial class ExpirySweeper(FileStore store, ILogger<ExpirySweeper> logger) : BackgroundService
{
    /// <summary>Rows taken per round, so a large backlog does not hold the index's write lock for long.</summary>
    private const int Batch = 1000;

    /// <summary>Deletes everything expired now; returns how many entries went.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var taken = await store.Index.TakeExpiredAsync(store.NowMs, Batch, cancellationToken);
            foreach (var (kind, key, size, uploader) in taken)
            {
                store.Blobs.Delete(kind, key);
                store.Budget.Release(size, uploader);
            }
            total += taken.Count;
            if (taken.Count < Batch) break;
        }
        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(store.Options.CleanupInterval, store.Time);
        try
        {
            do
            {
                try
                {
                    var swept = await SweepAsync(stoppingToken);
                    if (swept > 0) Swept(logger, swept);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    SweepFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired files and chunks")]
    private static partial void Swept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The expiry sweep failed; it runs again at the next interval")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
