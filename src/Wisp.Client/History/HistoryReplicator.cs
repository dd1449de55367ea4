using Wisp.Crypto.Keys;
using Wisp.Protocol.History;

namespace Wisp.Client.History;

/// <summary>
/// Log replication with one peer over one channel, both roles at once: it tells the peer which logs it holds
/// (<see cref="HistorySync"/>), fetches what the peer holds beyond its own copy (requests of up to
/// <see cref="HistoryLimits.MaxRangeBlocks"/> blocks, in order, each proven against the owner's signed head and shown
/// to extend what was held), and answers the peer's requests. A contact only ever sees, and may only send, the logs of
/// the conversation between the two; an own device (the same Account ID) sees all. Whatever fails a check is refused
/// and reported, and a log whose signed heads disagree is no longer trusted.
/// </summary>
internal sealed class HistoryReplicator(HistoryStore store, AccountId self, AccountId peer, Func<byte[], CancellationToken, Task> send, TimeProvider time)
{
    private readonly Dictionary<uint, byte[]> _pending = [];
    private TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _synced;
    private uint _nextId;

    /// <summary>Raised after blocks of a log were verified and stored: the log and its new held length.</summary>
    public event Action<HistoryLogRow>? Progress;

    /// <summary>Completes once the peer's sync was read and every request it caused was answered (since the last open).</summary>
    public Task Settled => _settled.Task;

    /// <summary>When this side last opened replication (Unix ms), 0 when it never did.</summary>
    public long OpenedAtMs { get; private set; }

    /// <summary>Whether <paramref name="manifest"/>'s log may pass between this account and the peer.</summary>
    public bool Shared(LogManifest manifest) =>
        peer == self || (manifest.Owner == self && manifest.Conversation == peer) || (manifest.Owner == peer && manifest.Conversation == self);

    /// <summary>Opens replication: sends the sync (every log held that the peer may have, at its held signed head), asking for the peer's.</summary>
    public Task OpenAsync(CancellationToken cancellationToken)
    {
        // A replicator kept for a long session opens again each interval: it settles anew on the peer's next sync.
        if (_settled.Task.IsCompleted)
        {
            _settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _synced = false;
        }
        OpenedAtMs = Now;
        return SyncAsync(replyWanted: true, cancellationToken);
    }

    private Task SyncAsync(bool replyWanted, CancellationToken cancellationToken)
    {
        var logs = store.List()
            .Where(l => l.Refused is null && l.Head is not null && Shared(l.Manifest))
            .Take(HistoryLimits.MaxLogsPerSync)
            .Select(l => new HeldLog(l.Manifest, l.Head!))
            .ToList();
        return send(new HistorySync(logs, replyWanted).Encode(), cancellationToken);
    }

    /// <summary>Handles one message from the peer.</summary>
    public async Task ReceiveAsync(byte[] frame, CancellationToken cancellationToken)
    {
        HistoryMessage message;
        try { message = HistoryMessage.Decode(frame); }
        catch (HistoryFormatException e)
        {
            Report(null, $"an unreadable history message: {e.Message}");
            return;
        }
        switch (message)
        {
            case HistorySync sync:
                if (sync.ReplyWanted)
                    await SyncAsync(replyWanted: false, cancellationToken).ConfigureAwait(false);
                foreach (var log in sync.Logs)
                    await OnHeldAsync(log, cancellationToken).ConfigureAwait(false);
                _synced = true;
                break;
            case HistoryRequest request:
                await send(Answer(request).Encode(), cancellationToken).ConfigureAwait(false);
                break;
            case HistoryData data:
                await OnDataAsync(data, cancellationToken).ConfigureAwait(false);
                break;
            case HistoryNoData noData:
                if (_pending.Remove(noData.Id))
                    Report(noData.LogId, $"the peer has no data: {noData.Reason}");
                break;
        }
        if (_synced && _pending.Count == 0)
            _settled.TrySetResult();
    }

    private async Task OnHeldAsync(HeldLog log, CancellationToken cancellationToken)
    {
        var logId = log.Manifest.LogId;
        if (!Shared(log.Manifest))
        {
            Report(logId, "a log that is not of the conversation between us");
            return;
        }
        if (!log.Manifest.Verify())
        {
            Report(logId, "a log manifest the owner's account did not sign");
            return;
        }
        if (!log.Head.Verify(log.Manifest.LogKey))
        {
            Report(logId, "a log head with a bad signature");
            return;
        }
        store.AddLog(log.Manifest, default, Now);
        var row = store.Find(logId)!;
        if (row.Refused is not null || row.Own)
            return;
        if (!Consistent(row, log.Head))
            return;
        lock (store.Db.Gate)
            store.SetSeen(log.Head, peer.Hex, Now);
        if (log.Head.Length > row.Length)
            await RequestAsync(row, log.Head.Length, cancellationToken).ConfigureAwait(false);
    }

    private async Task RequestAsync(HistoryLogRow row, ulong upTo, CancellationToken cancellationToken)
    {
        var count = (uint)Math.Min((ulong)HistoryLimits.MaxRangeBlocks, upTo - row.Length);
        var id = ++_nextId;
        _pending[id] = row.LogId;
        await send(new HistoryRequest(id, row.LogId, row.Length, count, row.Length).Encode(), cancellationToken).ConfigureAwait(false);
    }

    private HistoryMessage Answer(HistoryRequest request)
    {
        var row = store.Find(request.LogId);
        if (row is null || !Shared(row.Manifest))
            return new HistoryNoData(request.Id, request.LogId, "no such log");
        if (row.Refused is not null)
            return new HistoryNoData(request.Id, request.LogId, "this log is refused here");
        if (row.Head is not { } head || request.TrustedLength > head.Length)
            return new HistoryNoData(request.Id, request.LogId, "not held that far");
        RangeProof? range = null;
        var nodes = store.Nodes(row.LogId);
        lock (store.Db.Gate)
        {
            if (request.Start < head.Length && request.Count > 0)
            {
                var count = (int)Math.Min(Math.Min(request.Count, (uint)HistoryLimits.MaxRangeBlocks), head.Length - request.Start);
                var blocks = new List<byte[]>();
                for (var (i, bytes) = (0UL, 0); i < (ulong)count && store.Block(row.LogId, request.Start + i) is { } block; i++)
                {
                    if (blocks.Count > 0 && bytes + block.Length > HistoryLimits.MaxAnswerBlockBytes)
                        break; // the requester asks again from where this answer ends
                    blocks.Add(block);
                    bytes += block.Length;
                }
                if (blocks.Count == 0)
                    return new HistoryNoData(request.Id, request.LogId, "not held that far");
                range = HistoryProofs.Range(nodes, head.Length, request.Start, blocks);
            }
            return new HistoryData(request.Id, head, HistoryProofs.Upgrade(nodes, request.TrustedLength, head.Length), range);
        }
    }

    private async Task OnDataAsync(HistoryData data, CancellationToken cancellationToken)
    {
        var logId = data.Head.LogId;
        if (!_pending.Remove(data.Id, out var asked) || !asked.AsSpan().SequenceEqual(logId))
        {
            Report(logId, "history data nobody asked for");
            return;
        }
        var row = store.Find(logId)!;
        if (row.Refused is not null)
            return;
        if (!data.Head.Verify(row.Manifest.LogKey))
        {
            Report(logId, "a log head with a bad signature");
            return;
        }
        List<TreeNode> trusted;
        lock (store.Db.Gate)
            trusted = MerkleTree.Roots(store.Nodes(logId), row.Length)!;
        if (!HistoryProofs.VerifyUpgrade(trusted, row.Length, data.Head, data.Upgrade, out var error))
        {
            // A fork, or honest heads with forged upgrade nodes: which one, only a second head can show (Consistent), so
            // the answer is refused and the log kept.
            Report(logId, $"the signed head of length {data.Head.Length} is not shown to extend the {row.Length} blocks held (a fork or a bad proof): {error}");
            return;
        }
        if (data.Range is not { } range || range.Start != row.Length)
        {
            Report(logId, "history data without the range asked for");
            return;
        }
        if (!HistoryProofs.VerifyRange(data.Head, range, out error) || !Store(row, data.Head, range, out error))
        {
            Report(logId, $"a range refused: {error}");
            return;
        }
        var updated = store.Find(logId)!;
        Progress?.Invoke(updated);
        if (updated.Seen is { } seen && seen.Length > updated.Length)
            await RequestAsync(updated, seen.Length, cancellationToken).ConfigureAwait(false);
    }

    // The proof tied the blocks to the signed head; the chain and the entries' form are checked before anything is kept.
    private bool Store(HistoryLogRow row, SignedTreeHead head, RangeProof range, out string? error)
    {
        lock (store.Db.Gate)
        {
            using var transaction = store.Db.Begin();
            var nodes = store.Nodes(row.LogId);
            var length = row.Length;
            foreach (var block in range.Blocks)
            {
                LogEntry entry;
                try { entry = LogEntry.Decode(block); }
                catch (HistoryFormatException e)
                {
                    error = $"block {length}: {e.Message}";
                    return false;
                }
                var previous = length == 0 ? LogEntry.Genesis : nodes.Get(FlatTree.LeafIndex(length - 1))!.Hash;
                if (!entry.Previous.AsSpan().SequenceEqual(previous))
                {
                    error = $"block {length} does not name block {length - 1} as its previous";
                    return false;
                }
                MerkleTree.Append(nodes, length, block);
                store.PutBlock(row.LogId, length, block);
                length++;
            }
            store.SetHeld(row.LogId, length, length >= head.Length ? head : null, Now);
            transaction.Commit();
        }
        error = null;
        return true;
    }

    // A head no longer than what is held must hash like the blocks held; else the owner signed two histories.
    private bool Consistent(HistoryLogRow row, SignedTreeHead head)
    {
        if (head.Length > row.Length)
            return true;
        byte[]? held;
        lock (store.Db.Gate)
            held = MerkleTree.TreeHash(store.Nodes(row.LogId), head.Length);
        if (held is not null && held.AsSpan().SequenceEqual(head.TreeHash))
            return true;
        Fork(row, $"two signed heads disagree on the first {head.Length} blocks");
        return false;
    }

    private void Fork(HistoryLogRow row, string reason)
    {
        lock (store.Db.Gate)
            store.Refuse(row.LogId, $"fork: {reason}");
        Report(row.LogId, $"fork: {reason}");
    }

    private void Report(byte[]? logId, string reason) => store.Report(logId, peer.Hex, reason, Now);

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();
}
