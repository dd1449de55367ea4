using Wisp.Client.Conversations;
using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Groups;
using Wisp.Protocol.Storage;
using Wisp.Protocol.UserConfig;

namespace Wisp.Client.Sync;

/// <summary>
/// Keeps the account's devices in step through its own swarm with libsession's user configs (namespaces 2–5). One sync:
/// retrieve what is new in each config namespace; write this device's changes since the last sync into the configs
/// (<see cref="ConfigReconcile"/>); merge the retrieved messages as libsession does; make the local stores say what the
/// merged configs say (<see cref="ConfigApply"/>); keep the local view; store every config that changed (as Session's
/// clients do, then delete the messages it supersedes); store the queued sent-message copies.
/// A newly restored device gets everything in its first sync. Syncs never overlap.
/// </summary>
internal sealed class ConfigSync(AccountData data, Ed25519KeyPair account, Func<SwarmClient?> network)
{
    private readonly SemaphoreSlim _running = new(1, 1);
    private readonly UserConfigStore _store = new(data.Local);
    private readonly SemaphoreSlim _nudge = new(0, 1);
    private Ed25519PublicKey? _node;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, int> _lastPushBytes = new();

    /// <summary>Per namespace, the size of the last config message stored (for the benchmark's figures).</summary>
    public IReadOnlyDictionary<int, int> LastPushBytes => _lastPushBytes;

    /// <summary>Raised after a sync changed the local stores (another device's change arrived).</summary>
    public event Action? Applied;

    /// <summary>Asks the running loop to sync now (a local change to push).</summary>
    public void Nudge()
    {
        if (_nudge.CurrentCount == 0)
        {
            try
            {
                _nudge.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already nudged.
            }
        }
    }

    /// <summary>Syncs until cancelled: every <see cref="SyncLimits.Interval"/>, or at once when nudged; backs off after failures.</summary>
    public async Task RunAsync(Action<string>? onError, CancellationToken cancellationToken)
    {
        var delay = SyncLimits.Interval;
        while (!cancellationToken.IsCancellationRequested)
        {
            string? error;
            try
            {
                error = await SyncAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or ArgumentException or IOException)
            {
                // A sync that fails is reported and tried again; it never stops the client.
                error = $"config sync failed: {e.Message}";
            }
            if (error is not null)
                onError?.Invoke(error);
            delay = error is null ? SyncLimits.Interval : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, SyncLimits.MaxRetryDelay.Ticks));
            await _nudge.WaitAsync(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One sync; null when it completed (or there is no network to sync through), else what failed (what was done stays done).</summary>
    public async Task<string?> SyncAsync(CancellationToken cancellationToken)
    {
        if (network() is not { } client)
            return null;
        await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var (incoming, error) = await RetrieveAsync(client, cancellationToken).ConfigureAwait(false);
            var configs = Merge(client.Clock.NowMs(), incoming);
            return await PushAsync(client, configs, cancellationToken).ConfigureAwait(false)
                ?? await StoreCopiesAsync(client, cancellationToken).ConfigureAwait(false)
                ?? error;
        }
        finally
        {
            _running.Release();
        }
    }

    private async Task<(Dictionary<int, List<ConfigIncoming>> Incoming, string? Error)> RetrieveAsync(SwarmClient client, CancellationToken cancellationToken)
    {
        var incoming = new Dictionary<int, List<ConfigIncoming>>();
        foreach (var kind in UserConfigKinds.All)
        {
            var ns = (int)kind;
            var list = incoming[ns] = [];
            for (var page = 0; page < SyncLimits.MaxPagesPerSync; page++)
            {
                var lastHash = _node is null ? null : data.PollState.LastHash(_node.ToHex(), ns);
                var result = await client.RetrieveAsync(account, ns, lastHash, cancellationToken, _node).ConfigureAwait(false);
                if (!result.Ok)
                {
                    _node = null;
                    return (incoming, $"the account's configs could not be retrieved: {result.Error!.Message}");
                }
                var retrieved = result.Value!;
                _node = retrieved.Node.Ed25519;
                foreach (var message in retrieved.Messages)
                {
                    if (!data.PollState.WasSeen(message.Hash))
                        list.Add(new ConfigIncoming(message.Hash, message.Data));
                    data.PollState.MarkSeen(message.Hash, message.ExpiryMs);
                }
                if (retrieved.LastHash is { } newest)
                    data.PollState.SetLastHash(_node.ToHex(), ns, newest);
                if (!retrieved.More)
                    break;
            }
        }
        return (incoming, null);
    }

    /// <summary>The local half of a sync (under the store lock): reconcile, merge <paramref name="incoming"/>, apply, keep view and dumps.</summary>
    internal UserConfigs Merge(long nowMs, Dictionary<int, List<ConfigIncoming>> incoming)
    {
        var db = data.Local;
        bool changed;
        UserConfigs configs;
        lock (db.Gate)
        {
            // One transaction: a thousand contacts applied in one commit, and a crash leaves the last sync's state whole.
            using var transaction = db.Begin();
            configs = new UserConfigs(_store, account);
            var before = LocalView.Parse(_store.View());
            var now = LocalView.Read(data, account.AccountId);
            ConfigReconcile.Apply(before, now, configs, nowMs);
            foreach (var (ns, messages) in incoming)
            {
                var config = configs[ns];
                var fresh = messages.Where(m => !config.CurrentHashes.Contains(m.Hash)).ToList();
                if (fresh.Count > 0)
                    config.Merge(fresh);
            }
            changed = ConfigApply.Apply(configs, now, data, account.AccountId, nowMs);
            _store.SetView(LocalView.Read(data, account.AccountId).Serialize());
            configs.Save(_store, nowMs);
            transaction.Commit();
        }
        if (changed)
            Applied?.Invoke();
        return configs;
    }

    private async Task<string?> PushAsync(SwarmClient client, UserConfigs configs, CancellationToken cancellationToken)
    {
        foreach (var config in configs.All.Where(c => c.NeedsPush))
        {
            ConfigPush push;
            try
            {
                push = config is ConvoInfoVolatileConfig convos ? convos.Push(client.Clock.NowMs()) : config.Push();
            }
            catch (ConfigTooLargeException e)
            {
                return $"the account's {UserConfigKinds.Domain(config.UserKind)} config cannot be stored: {e.Message}";
            }
            var stored = await client.StoreAsync(account.AccountId, config.Namespace, push.Data, SyncLimits.ConfigTtl, account, cancellationToken)
                .ConfigureAwait(false);
            if (!stored.Ok || stored.Value!.Confirmed == 0)
                return $"the account's {UserConfigKinds.Domain(config.UserKind)} config could not be stored: {stored.Error?.Message ?? "no node confirmed it"}";
            var hash = stored.Value.Hash;
            _lastPushBytes[config.Namespace] = push.Data.Length;
            data.PollState.MarkSeen(hash, stored.Value.ExpiryMs); // our own push needs no merging when it comes back
            lock (data.Local.Gate)
            {
                config.ConfirmPushed(push.Seqno, hash);
                _store.SetDump(config.Namespace, config.Dump(), client.Clock.NowMs());
            }
            var obsolete = push.ObsoleteHashes.Where(MessageHash.IsWellFormed).ToList();
            if (obsolete.Count > 0)
                await client.DeleteAsync(account, obsolete, cancellationToken).ConfigureAwait(false); // best effort: they expire anyway
        }
        return null;
    }

    private async Task<string?> StoreCopiesAsync(SwarmClient client, CancellationToken cancellationToken)
    {
        foreach (var (id, payload) in _store.DueCopies(client.Clock.NowMs(), SyncLimits.CopiesPerSync))
        {
            var stored = await client.StoreAsync(account.AccountId, Namespaces.Default, payload, SyncLimits.CopyTtl, signer: null, cancellationToken)
                .ConfigureAwait(false);
            if (!stored.Ok || stored.Value!.Confirmed == 0)
                return $"a sent-message copy could not be stored: {stored.Error?.Message ?? "no node confirmed it"}";
            _store.RemoveCopy(id);
        }
        return null;
    }
}
