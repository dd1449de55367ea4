using Wisp.Files.Storage;

namespace Wisp.Files.Api;

/// <summary>What the handlers share: the options, the clock, the index, the bytes on disk and the budget.</summary>
internal sealed class FileStore(FileServerOptions options, TimeProvider time, FileIndex index, BlobStore blobs, DiskBudget budget)
{
    public FileServerOptions Options { get; } = options;

    public TimeProvider Time { get; } = time;

    public FileIndex Index { get; } = index;

    public BlobStore Blobs { get; } = blobs;

    public DiskBudget Budget { get; } = budget;

    /// <summary>Now, in unix milliseconds.</summary>
    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>When an entry uploaded now expires, in unix milliseconds.</summary>
    public long ExpiresMs(long nowMs) => nowMs + (long)Options.Expiry.TotalMilliseconds;
}
