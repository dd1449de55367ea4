using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Push.Delivery;
using Wisp.Push.Storage;

namespace Wisp.Push.Hosting;

/// <summary>
/// The cleanup loop: every <see cref="PushServerOptions.CleanupInterval"/> it deletes subscriptions past their 14 days
/// (with their queued notifications) and de-duplication marks of expired messages. Expired subscriptions are never
/// matched before the sweep; it only frees the rows.
/// </summary>
internal sealed partial class ExpirySweeper(SubscriptionStore subscriptions, NotificationIntake intake, PushServerOptions options, ILogger<ExpirySweeper> logger)
    : BackgroundService
{
    /// <summary>Deletes what expired now; how many subscriptions went.</summary>
    public int Sweep()
    {
        intake.DeleteOldMarks();
        return subscriptions.DeleteExpired();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.CleanupInterval);
        try
        {
            do
            {
                try
                {
                    if (Sweep() is > 0 and var swept) Swept(logger, swept);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired subscriptions")]
    private static partial void Swept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The expiry sweep failed; it runs again at the next interval")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
