using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Community.Api;

namespace Wisp.Community.Moderation;

/// <summary>
/// Every <see cref="Limits.SweepInterval"/>, as pysogs's cleanup: applies the bans and unbans now due (a ban's
/// timeout ends) and the scheduled permission changes, forgets expired direct messages and deletes expired room files.
/// </summary>
internal sealed partial class ExpirySweeper(CommunityServices services, ILogger<ExpirySweeper> logger) : BackgroundService
{
    /// <summary>One sweep at the services' clock: (bans applied, DMs forgotten, files deleted, permission changes applied).</summary>
    public static async Task<(int Bans, int Dms, int Files, int Permissions)> SweepOnceAsync(CommunityServices services, CancellationToken cancellationToken)
    {
        var now = services.Now();
        var bans = await services.Database.WriteAsync((_, transaction) => BanWrites.ApplyDueAsync(transaction, now, cancellationToken), cancellationToken);
        var dms = await services.Dms.SweepAsync(now, cancellationToken);
        var files = await services.RoomFiles.SweepAsync(now, cancellationToken);
        var permissions = await services.Database.WriteAsync((_, transaction) => Rooms.PermissionOverrides.ApplyDueAsync(transaction, now, cancellationToken), cancellationToken);
        return (bans, dms, files, permissions);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Limits.SweepInterval, services.Time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var (bans, dms, files, permissions) = await SweepOnceAsync(services, stoppingToken);
                if (bans + dms + files + permissions > 0)
                    Swept(logger, bans, dms, files, permissions);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                SweepFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Bans} scheduled (un)bans; forgot {Dms} expired DMs; deleted {Files} expired files; applied {Permissions} scheduled permission changes")]
    private static partial void Swept(ILogger logger, int bans, int dms, int files, int permissions);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The expiry sweep failed")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
