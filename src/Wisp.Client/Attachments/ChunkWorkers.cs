using System.Collections.Concurrent;

namespace Wisp.Client.Attachments;

/// <summary>
/// Runs one job per chunk on N workers, each with its own channel (so its own onion path). A chunk whose way failed
/// goes back in the queue for any worker, up to <see cref="AttachmentLimits.ChunkAttempts"/> tries; a refusal stops
/// the whole transfer, since the server will not change its mind.
/// </summary>
internal static class ChunkWorkers
{
    /// <summary>Null when every chunk is done; otherwise why the transfer stopped.</summary>
    public static async Task<string?> RunAsync(
        IReadOnlyList<int> chunks, int workers, Func<IChunkChannel> openChannel,
        Func<IChunkChannel, int, CancellationToken, Task<ChunkResult>> job, CancellationToken cancellationToken)
    {
        var queue = new ConcurrentQueue<int>(chunks);
        var attempts = new ConcurrentDictionary<int, int>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string? failure = null;

        async Task WorkAsync()
        {
            using var channel = openChannel();
            while (!stop.IsCancellationRequested && queue.TryDequeue(out var index))
            {
                var result = await job(channel, index, stop.Token).ConfigureAwait(false);
                if (result.Ok)
                    continue;
                var tries = attempts.AddOrUpdate(index, 1, (_, n) => n + 1);
                if (result.Outcome == ChunkOutcome.Refused || tries >= AttachmentLimits.ChunkAttempts)
                {
                    Interlocked.CompareExchange(ref failure, result.Outcome == ChunkOutcome.Refused
                        ? result.Detail ?? "the file server refused a chunk"
                        : $"chunk {index + 1} failed {tries} times ({result.Outcome}{(result.Detail is null ? "" : $": {result.Detail}")})", null);
                    await stop.CancelAsync().ConfigureAwait(false);
                    return;
                }
                queue.Enqueue(index);
            }
        }

        var count = Math.Clamp(workers, 1, AttachmentLimits.MaxParallelPaths);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Min(count, Math.Max(1, chunks.Count))).Select(_ => Task.Run(WorkAsync, CancellationToken.None))).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (failure is not null && !cancellationToken.IsCancellationRequested)
        {
        }
        cancellationToken.ThrowIfCancellationRequested();
        return failure;
    }
}
