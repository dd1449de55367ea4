using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Network.Registry;
using Wisp.Node.NodeLinks;
using Wisp.Node.Storage;
using Wisp.Protocol.Peering;

namespace Wisp.Node.Swarm;

/// <summary>
/// Migration push: after a registry change (and at start, since changes may have happened while the node was down),
/// every message this node holds whose owner now maps to another swarm is pushed to that swarm's members
/// (<see cref="PushRequest"/>) — a new swarm receives its accounts, a dissolved or left swarm hands everything on.
/// The job is persisted in <see cref="SwarmStateStore"/> (registry version and insertion-id cursor), so a restart
/// resumes it; each page is bounded in count and bytes. A page counts as delivered to a swarm when at least one member
/// stored it (the swarm's own catch-up spreads it to the rest); if no member of some target swarm took it, the job
/// waits and retries the page. Old copies are left to expire, as Session does: this node no longer serves those
/// accounts (421), so they are never read here again.
/// </summary>
public sealed partial class MigrationService(
    SwarmMembership membership, PeerClient client, IMessageStore store, SwarmStateStore state, TimeProvider time,
    TimeSpan retryInterval, ILogger<MigrationService> logger) : BackgroundService
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Runs the pending job to its end or to the first page no member of a target swarm took. True when no job remains.</summary>
    public async Task<bool> RunPendingAsync(CancellationToken cancellationToken)
    {
        while (state.PendingMigration() is { } job)
        {
            var snapshot = membership.Current;
            var mine = snapshot.Swarms.SwarmOf(membership.Self)?.Id;
            var page = await store.ReadPageAsync(
                job.AfterId, PeeringLimits.MaxTransferRecords, ReplicationLimits.MaxTransferDataBytes,
                owner => SwarmMembership.SwarmIdOf(snapshot, owner) is { } swarm && swarm != mine,
                time.GetUtcNow().ToUnixTimeMilliseconds(), includeData: true, cancellationToken).ConfigureAwait(false);
            foreach (var group in page.Messages.GroupBy(m => SwarmMembership.SwarmIdOf(snapshot, m.Message.Owner)!.Value))
            {
                if (!await PushAsync(snapshot, group.Key, group.ToList(), cancellationToken).ConfigureAwait(false))
                {
                    LogPushWaiting(logger, group.Key);
                    return false;
                }
            }
            if (page.Messages.Count > 0) LogPushed(logger, page.Messages.Count);
            // A newer registry version may have replaced the job meanwhile; only this job's row moves.
            state.AdvanceMigration(job.RegistryVersion, page.NextAfterId, done: !page.More);
        }
        return true;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        membership.Registry.Changed += OnRegistryChanged;
        try
        {
            if (state.PendingMigration()?.RegistryVersion != membership.Current.Version)
                state.StartMigration(membership.Current.Version);
            while (!stoppingToken.IsCancellationRequested)
            {
                var done = false;
                try
                {
                    done = await RunPendingAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, exception);
                }
                using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                if (!done) timer.CancelAfter(retryInterval);
                try
                {
                    await _wake.Reader.ReadAsync(timer.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    // Time to retry the page that waited.
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            membership.Registry.Changed -= OnRegistryChanged;
        }
    }

    private void OnRegistryChanged(object? sender, RegistryChangedEventArgs e)
    {
        var diff = e.SwarmChanges;
        var mineBefore = e.Previous.Swarms.SwarmOf(membership.Self)?.Id;
        var mineNow = e.Current.Swarms.SwarmOf(membership.Self)?.Id;
        // Accounts move only when the set of swarms changes or this node changes swarm; joins and leaves inside
        // surviving swarms are catch-up's work.
        if (diff.Appeared.Count == 0 && diff.Dissolved.Count == 0 && mineBefore == mineNow)
            return;
        state.StartMigration(e.Current.Version);
        _wake.Writer.TryWrite(true);
    }

    private async Task<bool> PushAsync(RegistrySnapshot snapshot, ulong swarmId, List<PagedMessage> messages, CancellationToken cancellationToken)
    {
        if (snapshot.Swarms.Find(swarmId) is not { } swarm)
            return false;
        var body = new PushRequest(messages.Select(m => m.ToPeer(includeData: true)).ToList()).ToJson();
        var members = swarm.Members.Select(snapshot.FindNode).OfType<NodeRecord>().Where(n => n.IsActive).ToList();
        var answers = await Task.WhenAll(members.Select(member =>
            client.CallAsync(member, PushRequest.Route, body, PushAnswer.Read, ReplicationLimits.TransferTimeout, cancellationToken))).ConfigureAwait(false);
        return answers.Any(a => a.Ok);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migration pushed {Count} messages to the swarms that now store them")]
    private static partial void LogPushed(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migration waits: no member of swarm {Swarm} took the page; retrying")]
    private static partial void LogPushWaiting(ILogger logger, ulong swarm);

    [LoggerMessage(Level = LogLevel.Error, Message = "Migration failed; retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
