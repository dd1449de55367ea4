using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Network.Registry;
using Wisp.Protocol.Monitor;
using Wisp.Push.Delivery;
using Wisp.Push.Storage;

namespace Wisp.Push.Watch;

/// <summary>
/// Follows the registry and keeps one <see cref="NodeStream"/> open to every active node whose swarm holds a
/// subscribed account, carrying that account's monitor subscriptions. It recomputes on a registry change (a swarm that
/// gained members subscribes them; a node that left its swarm is dropped), on a new subscription (subscribed at once,
/// as SPNS forces) and on every cleanup interval (expired subscriptions fall away).
/// </summary>
internal sealed partial class SwarmWatcher(
    INodeRegistry registry, PushServerOptions options, SubscriptionStore subscriptions, NotificationIntake intake, ILogger<SwarmWatcher> logger)
    : BackgroundService
{
    private readonly WakeSignal _recompute = new();
    private readonly Dictionary<string, NodeStream> _streams = new(StringComparer.Ordinal);

    /// <summary>How many node streams are open (for tests and status).</summary>
    internal int StreamCount
    {
        get { lock (_streams) return _streams.Count; }
    }

    /// <summary>How many node streams have every subscription accepted (for tests and status).</summary>
    internal int AcceptedStreamCount
    {
        get { lock (_streams) return _streams.Values.Count(s => s.Accepted); }
    }

    /// <summary>The nodes streamed from, as "host:port" (for tests and status).</summary>
    internal IReadOnlyList<string> StreamedNodes
    {
        get { lock (_streams) return [.. _streams.Values.Select(s => s.Uri.Authority)]; }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        subscriptions.Added += _ => _recompute.Pulse();
        var follow = FollowRegistryAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ApplyAsync(registry.Current);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Log.RecomputeFailed(logger, exception);
                }
                await _recompute.WaitAsync(options.CleanupInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            List<NodeStream> streams;
            lock (_streams)
            {
                streams = [.. _streams.Values];
                _streams.Clear();
            }
            foreach (var stream in streams) await stream.DisposeAsync();
            await Quiet(follow);
        }
    }

    private async Task FollowRegistryAsync(CancellationToken cancellationToken)
    {
        await foreach (var snapshot in registry.WatchAsync(cancellationToken))
        {
            Log.RegistryVersion(logger, snapshot.Version);
            _recompute.Pulse();
        }
    }

    /// <summary>Opens, updates and closes node streams so each active member of a subscribed account's swarm carries it.</summary>
    private async Task ApplyAsync(RegistrySnapshot snapshot)
    {
        var byAccount = MonitorRequests.ByAccount(subscriptions.AllLive());
        var byNode = new Dictionary<string, (NodeRecord Node, Dictionary<string, List<MonitorSubscribeRequest>> Wanted)>(StringComparer.Ordinal);
        foreach (var (account, requests) in byAccount)
        {
            if (snapshot.Swarms.SwarmForPrefixedKey(Convert.FromHexString(account)) is not { } swarm)
                continue;
            foreach (var member in swarm.Members)
            {
                if (snapshot.FindNode(member) is not { IsActive: true } record)
                    continue;
                var key = member.ToHex();
                if (!byNode.TryGetValue(key, out var entry))
                    byNode[key] = entry = (record, new Dictionary<string, List<MonitorSubscribeRequest>>(StringComparer.Ordinal));
                entry.Wanted[account] = requests;
            }
        }
        var gone = new List<NodeStream>();
        lock (_streams)
        {
            foreach (var key in _streams.Keys.Where(k => !byNode.ContainsKey(k)).ToList())
            {
                gone.Add(_streams[key]);
                _streams.Remove(key);
            }
            foreach (var (key, (record, wanted)) in byNode)
            {
                var uri = new Uri($"wss://{record.Endpoint}{MonitorRoutes.Path}");
                if (_streams.TryGetValue(key, out var existing) && existing.Uri != uri)
                {
                    gone.Add(existing);
                    _streams.Remove(key);
                }
                if (!_streams.TryGetValue(key, out var stream))
                {
                    stream = new NodeStream(record.Ed25519Key, uri, intake, logger);
                    _streams[key] = stream;
                    stream.Update(wanted);
                    stream.Start();
                }
                else
                {
                    stream.Update(wanted);
                }
            }
        }
        foreach (var stream in gone) await stream.DisposeAsync();
    }

    private static async Task Quiet(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception)
        {
            // The registry follower ends with the server.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Registry version {Version}: re-checking which nodes carry the subscribed accounts")]
        public static partial void RegistryVersion(ILogger logger, long version);

        [LoggerMessage(Level = LogLevel.Error, Message = "Working out the node streams failed; trying again")]
        public static partial void RecomputeFailed(ILogger logger, Exception exception);
    }
}
