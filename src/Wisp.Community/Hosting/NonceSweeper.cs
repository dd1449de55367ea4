using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Community.Api;

namespace Wisp.Community.Hosting;

/// <summary>Forgets used request nonces once their timestamps could no longer pass the window anyway.</summary>
internal sealed partial class NonceSweeper(CommunityServices services, ILogger<NonceSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Limits.CleanupInterval, services.Time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await services.Users.ForgetExpiredNoncesAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                SweepFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forgetting expired nonces failed")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
