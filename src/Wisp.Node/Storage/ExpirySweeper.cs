using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Wisp.Node.Storage;

/// <summary>
/// Deletes expired messages, and the tombstones of deleted messages past their expiry, every <c>interval</c>.
/// Retrieve already hides expired rows; the sweeper gives their space back. A failed sweep is logged and the next
/// one tries again.
/// </summary>
public sealed partial class ExpirySweeper(
    IMessageStore store, TimeProvider timeProvider, TimeSpan interval, ILogger<ExpirySweeper> logger) : BackgroundService
{
    /// <summary>One sweep at the time provider's now; returns how many messages it deleted.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        var deleted = await store.DeleteExpiredAsync(now, cancellationToken).ConfigureAwait(false);
        if (deleted > 0) LogSwept(logger, deleted);
        return deleted;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepOnceAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(interval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogSweepFailed(logger, exception);
                await Task.Delay(interval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expiry sweep deleted {Count} messages")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiry sweep failed; retrying at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
