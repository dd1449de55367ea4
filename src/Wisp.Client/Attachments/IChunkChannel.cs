namespace Wisp.Client.Attachments;

/// <summary>How a chunk request ended.</summary>
internal enum ChunkOutcome
{
    /// <summary>The server did it.</summary>
    Done,
    /// <summary>The way there failed (a path node down, a timeout): try again, on another path.</summary>
    PathFailed,
    /// <summary>The server answered with an error that another try will not change (413, 507, 404, a refused signature).</summary>
    Refused,
    /// <summary>A downloaded chunk's BLAKE2b-256 is not its address: refused, and tried again elsewhere.</summary>
    Corrupted,
}

/// <summary>What one chunk request came to, with the server's sentence when it refused.</summary>
internal readonly record struct ChunkResult(ChunkOutcome Outcome, string? Detail = null, int Status = 0)
{
    public bool Ok => Outcome == ChunkOutcome.Done;
}

/// <summary>
/// One way to the file server's chunk routes: straight over HTTP, or through one onion path. A transfer runs one
/// channel per parallel worker, so each worker's chunks take a different path.
/// </summary>
internal interface IChunkChannel : IDisposable
{
    /// <summary>A name for progress and logs (the path's nodes, or "direct"); nothing secret.</summary>
    string Name { get; }

    /// <summary>PUTs <paramref name="chunk"/> at <paramref name="hash"/>, signed by the transfer's uploader key.</summary>
    Task<ChunkResult> PutAsync(string hash, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken);

    /// <summary>GETs the chunk at <paramref name="hash"/> into <paramref name="buffer"/>; the length read on success.</summary>
    Task<(ChunkResult Result, int Length)> GetAsync(string hash, Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="hashes"/> the server holds (its <c>/chunks/have</c>); null when the way failed.</summary>
    Task<IReadOnlyList<string>?> HaveAsync(IReadOnlyList<string> hashes, CancellationToken cancellationToken);
}
