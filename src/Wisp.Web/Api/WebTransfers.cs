using System.Collections.Concurrent;
using Wisp.Client.Attachments;

namespace Wisp.Web.Api;

/// <summary>A transfer as the page shows it: which file, which way, how far, how fast, how long still.</summary>
internal sealed record TransferJson(
    string AttachmentId, string? MessageId, string Peer, string Direction, string Name, long Bytes, long Total, double? RateBps,
    double? EtaSeconds, string State, string? Error);

/// <summary>
/// The transfers this server started (uploads from the page, downloads it asked for), with their last progress, and
/// a signal for the event streams each time one moves. Finished ones stay listed until <see cref="MaxFinished"/> newer
/// ones finished after them.
/// </summary>
internal sealed class WebTransfers : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Cancelled when the server stops: transfers end (the SDK resumes them from their records next time).</summary>
    public CancellationToken Stopping => _stopping.Token;

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }

    /// <summary>Finished transfers kept for the page to see how they ended (64).</summary>
    public const int MaxFinished = 64;

    private readonly ConcurrentDictionary<string, TransferJson> _all = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _finished = new();

    /// <summary>Raised for every change; the event streams turn it into <c>transfer_progress</c>.</summary>
    public event Action<TransferJson>? Changed;

    public IReadOnlyList<TransferJson> List() => [.. _all.Values];

    public bool TryGet(string id, out TransferJson? transfer) => _all.TryGetValue(id, out transfer);

    /// <summary>Records a new state of a transfer and tells the streams.</summary>
    public void Set(TransferJson transfer)
    {
        _all[transfer.AttachmentId] = transfer;
        if (transfer.State is "done" or "failed")
        {
            _finished.Enqueue(transfer.AttachmentId);
            while (_finished.Count > MaxFinished && _finished.TryDequeue(out var old))
                _all.TryRemove(old, out _);
        }
        Changed?.Invoke(transfer);
    }

    /// <summary>The SDK's progress as this transfer's next state.</summary>
    public IProgress<TransferProgress> Progress(TransferJson start) => new Reporter(this, start);

    private sealed class Reporter(WebTransfers owner, TransferJson start) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => owner.Set(start with
        {
            Bytes = value.DoneBytes,
            Total = value.TotalBytes,
            RateBps = value.BytesPerSecond > 0 ? value.BytesPerSecond : null,
            EtaSeconds = value.Remaining?.TotalSeconds,
            State = "running",
        });
    }
}
