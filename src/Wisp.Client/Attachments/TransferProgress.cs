namespace Wisp.Client.Attachments;

/// <summary>Which way a transfer goes.</summary>
public enum TransferDirection
{
    /// <summary>To the file server.</summary>
    Upload,
    /// <summary>From the file server.</summary>
    Download,
}

/// <summary>
/// Where a transfer stands: bytes of ciphertext acknowledged (chunks done, including those done before a restart),
/// the rate of this run, and the time left at that rate (null until there is a rate).
/// </summary>
/// <param name="Direction">Upload or download.</param>
/// <param name="FileName">The file's name (never its path).</param>
/// <param name="DoneBytes">Ciphertext bytes acknowledged so far.</param>
/// <param name="TotalBytes">Ciphertext bytes in all.</param>
/// <param name="BytesPerSecond">Bytes per second since this run started.</param>
/// <param name="Remaining">The time left at that rate.</param>
/// <param name="ResumedBytes">Of <paramref name="DoneBytes"/>, those done by an earlier run (not sent again).</param>
public sealed record TransferProgress(
    TransferDirection Direction, string FileName, long DoneBytes, long TotalBytes, double BytesPerSecond, TimeSpan? Remaining, long ResumedBytes)
{
    /// <summary>Done as a fraction, 0–1.</summary>
    public double Fraction => TotalBytes == 0 ? 1 : (double)DoneBytes / TotalBytes;
}

/// <summary>Counts a transfer's bytes and reports them after every chunk, at the start and at the end.</summary>
internal sealed class ProgressMeter(
    TransferDirection direction, string fileName, long total, long resumed, IProgress<TransferProgress>? sink, TimeProvider time)
{
    private readonly long _started = time.GetTimestamp();
    private readonly long _resumed = resumed;
    private long _done = resumed;

    public long Done => Interlocked.Read(ref _done);

    /// <summary>A chunk of <paramref name="bytes"/> was acknowledged: reported at once (chunks are 4 MiB, so reports are few).</summary>
    public void Add(long bytes)
    {
        Interlocked.Add(ref _done, bytes);
        Report();
    }

    public void Report()
    {
        if (sink is null) return;
        var done = Done;
        var seconds = time.GetElapsedTime(_started).TotalSeconds;
        var rate = seconds > 0 ? (done - _resumed) / seconds : 0;
        TimeSpan? remaining = rate > 0 ? TimeSpan.FromSeconds((total - done) / rate) : null;
        sink.Report(new TransferProgress(direction, fileName, done, total, rate, remaining, _resumed));
    }
}
