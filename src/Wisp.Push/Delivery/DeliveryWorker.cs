using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Push.Senders;
using Wisp.Push.Storage;

namespace Wisp.Push.Delivery;

/// <summary>
/// Sends what is due in the delivery queue, <see cref="Limits.MaxConcurrentDeliveries"/> at a time. A temporary
/// failure is retried after a doubling delay (from <see cref="PushServerOptions.RetryDelay"/> up to
/// <see cref="Limits.MaxRetryDelay"/>) until <see cref="PushServerOptions.MaxAttempts"/>, then becomes a dead letter;
/// a gone endpoint removes its subscription; a refusal is a dead letter at once. Each item's failure is logged and the
/// loop goes on.
/// </summary>
internal sealed partial class DeliveryWorker(
    DeliveryQueue queue, SubscriptionStore subscriptions, SenderSet senders, WakeSignal signal, PushServerOptions options,
    TimeProvider time, ILogger<DeliveryWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = queue.Due(Limits.DeliveryBatch);
                if (due.Count == 0)
                {
                    await signal.WaitAsync(IdleWait(), stoppingToken);
                    continue;
                }
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Limits.MaxConcurrentDeliveries, CancellationToken = stoppingToken },
                    async (delivery, token) => await DeliverAsync(delivery, token));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                Log.LoopFailed(logger, exception);
                await signal.WaitAsync(Limits.DeliveryIdleWait, stoppingToken);
            }
        }
    }

    /// <summary>One attempt at one delivery, and its bookkeeping.</summary>
    internal async Task DeliverAsync(PendingDelivery delivery, CancellationToken cancellationToken)
    {
        var attempts = delivery.Attempts + 1;
        SendOutcome outcome;
        if (senders.Find(delivery.Service) is not { } sender)
        {
            outcome = new SendOutcome(SendResult.Rejected, $"service {delivery.Service} is no longer offered");
        }
        else
        {
            try
            {
                outcome = await sender.SendAsync(delivery, cancellationToken);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
            {
                outcome = new SendOutcome(SendResult.Retry, exception is TaskCanceledException ? "timed out" : exception.Message);
            }
        }
        switch (outcome.Result)
        {
            case SendResult.Delivered:
                queue.Delivered(delivery.Id);
                Log.Delivered(logger, delivery.Service, attempts);
                break;
            case SendResult.Gone:
                // The endpoint said the subscription is over: remove it, and its other queued notifications with it.
                subscriptions.RemoveById(delivery.SubscriptionId);
                Log.Gone(logger, delivery.Service, outcome.Detail);
                break;
            case SendResult.Retry when attempts < options.MaxAttempts:
                var delay = RetryDelay(attempts);
                queue.Retry(delivery.Id, attempts, (time.GetUtcNow() + delay).ToUnixTimeMilliseconds(), outcome.Detail);
                Log.WillRetry(logger, delivery.Service, outcome.Detail, delay);
                break;
            default:
                queue.Kill(delivery, attempts, outcome.Detail);
                Log.DeadLetter(logger, delivery.Service, attempts);
                break;
        }
    }

    /// <summary>The wait after attempt <paramref name="attempts"/> failed: the retry delay doubled per earlier failure, capped.</summary>
    internal TimeSpan RetryDelay(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 20));
        var delay = TimeSpan.FromTicks((long)Math.Min(options.RetryDelay.Ticks * factor, Limits.MaxRetryDelay.Ticks));
        return delay < options.RetryDelay ? options.RetryDelay : delay;
    }

    private TimeSpan IdleWait()
    {
        if (queue.NextDueMs() is not { } next)
            return Limits.DeliveryIdleWait;
        var wait = TimeSpan.FromMilliseconds(next - time.GetUtcNow().ToUnixTimeMilliseconds());
        return wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > Limits.DeliveryIdleWait ? Limits.DeliveryIdleWait : wait;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Debug, Message = "Notification delivered via {Service} (attempt {Attempts})")]
        public static partial void Delivered(ILogger logger, string service, int attempts);

        [LoggerMessage(Level = LogLevel.Information, Message = "A {Service} endpoint is gone ({Detail}); its subscription is removed")]
        public static partial void Gone(ILogger logger, string service, string detail);

        [LoggerMessage(Level = LogLevel.Debug, Message = "A {Service} delivery failed ({Detail}); retrying in {Delay}")]
        public static partial void WillRetry(ILogger logger, string service, string detail, TimeSpan delay);

        // The detail may name the endpoint's host, so it goes to the dead letter, not the log.
        [LoggerMessage(Level = LogLevel.Warning, Message = "A {Service} delivery failed for good after {Attempts} attempt(s); kept as a dead letter")]
        public static partial void DeadLetter(ILogger logger, string service, int attempts);

        [LoggerMessage(Level = LogLevel.Error, Message = "The delivery loop failed; it goes on")]
        public static partial void LoopFailed(ILogger logger, Exception exception);
    }
}
