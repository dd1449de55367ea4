using System.Buffers;
using System.Text.Json;
using Wisp.Files.Storage;
using Wisp.Protocol.Files;

namespace Wisp.Files.Api;

/// <summary>
/// Wisp's content-addressed chunks: <c>PUT /chunk/{hash}</c> (signed by the uploader's key, counted against its
/// quota), <c>GET /chunk/{hash}</c>, <c>GET /chunk/{hash}/info</c> and <c>POST /chunks/have</c> for resuming. A chunk
/// body is streamed to a temporary file and hashed as it is written; it is renamed into place only when its
/// BLAKE2b-256 is the hash in its path. Uploading a chunk that is there already only extends its expiry.
/// </summary>
internal sealed class ChunkRoutes(FileStore store)
{
    /// <summary><c>PUT /chunk/{hash}</c>.</summary>
    public async Task<FileResponse> PutAsync(FileRequest request, string hash, CancellationToken cancellationToken)
    {
        if (!ChunkHash.IsValid(hash))
            return BadHash();
        var (uploader, refusal) = UploaderAuth.Check(request, store.Time.GetUtcNow());
        if (refusal is not null)
            return refusal;
        if (request.ContentLength > FileLimits.MaxChunkBytes)
            return TooLarge();
        if (request.ContentLength == 0)
            return Answers.Error(400, "the chunk is empty");

        if (await store.Index.ExistsAsync(EntryKind.Chunk, hash, cancellationToken) && store.Blobs.Exists(EntryKind.Chunk, hash))
        {
            // Stored already: check the bytes all the same (a client must not extend what it does not have), keep nothing.
            var (size, actual) = await HashAsync(request.Body, Stream.Null, cancellationToken);
            if (Mismatch(size, actual, hash) is { } problem)
                return problem;
            return await RecordAsync(hash, size, uploader!, reservation: null, cancellationToken);
        }

        using var reservation = store.Budget.TryReserve(request.ContentLength ?? FileLimits.MaxChunkBytes, uploader, out var why);
        if (reservation is null)
            return why == BudgetRefusal.UploaderQuota
                ? Answers.Error(413, $"this uploader's quota of {store.Options.UploaderQuotaBytes} bytes is used up")
                : Answers.Error(507, "the file server is full");

        var (path, stream) = store.Blobs.CreateTemporary();
        var committed = false;
        try
        {
            long size;
            string actual;
            await using (stream)
                (size, actual) = await HashAsync(request.Body, stream, cancellationToken);
            if (Mismatch(size, actual, hash) is { } problem)
                return problem;
            store.Blobs.Commit(path, EntryKind.Chunk, hash);
            committed = true;
            return await RecordAsync(hash, size, uploader!, reservation, cancellationToken);
        }
        finally
        {
            if (!committed) BlobStore.Discard(path);
        }
    }

    /// <summary><c>GET /chunk/{hash}</c>.</summary>
    public async Task<FileResponse> GetAsync(string hash, CancellationToken cancellationToken)
    {
        if (!ChunkHash.IsValid(hash))
            return BadHash();
        if (await store.Index.FindAsync(EntryKind.Chunk, hash, store.NowMs, cancellationToken) is null)
            return NotFound();
        return store.Blobs.OpenRead(EntryKind.Chunk, hash) is { } file ? Answers.Bytes(file) : NotFound();
    }

    /// <summary><c>GET /chunk/{hash}/info</c>.</summary>
    public async Task<FileResponse> InfoAsync(string hash, CancellationToken cancellationToken)
    {
        if (!ChunkHash.IsValid(hash))
            return BadHash();
        var entry = await store.Index.FindAsync(EntryKind.Chunk, hash, store.NowMs, cancellationToken);
        return entry is null ? NotFound() : Answers.Ok(entry.ToInfo(), FileServerJsonContext.Default.FileInfo);
    }

    /// <summary><c>POST /chunks/have</c>.</summary>
    public async Task<FileResponse> HaveAsync(FileRequest request, CancellationToken cancellationToken)
    {
        // 1,024 hashes of 64 characters in quotes with commas, and the object around them.
        const int maxJson = FileLimits.MaxHaveHashes * (ChunkHash.HexLength + 4) + 64;
        var json = await BodyReader.ReadAtMostAsync(request, maxJson, cancellationToken);
        if (json is null)
            return Answers.Error(413, $"ask about at most {FileLimits.MaxHaveHashes} chunks at a time");
        ChunkHaveRequest? asked;
        try
        {
            asked = JsonSerializer.Deserialize(json, FileServerJsonContext.Default.ChunkHaveRequest);
        }
        catch (JsonException)
        {
            asked = null;
        }
        if (asked?.Hashes is not { } hashes)
            return Answers.Error(400, "the body must be {\"hashes\": [\"<64 hex>\", …]}");
        if (hashes.Count > FileLimits.MaxHaveHashes)
            return Answers.Error(400, $"ask about at most {FileLimits.MaxHaveHashes} chunks at a time");
        if (hashes.FirstOrDefault(hash => !ChunkHash.IsValid(hash)) is { } bad)
            return Answers.Error(400, $"\"{Shorten(bad)}\" is not a chunk hash (64 lowercase hex characters)");
        var live = await store.Index.LiveChunksAsync(hashes.Distinct().ToList(), store.NowMs, cancellationToken);
        return Answers.Ok(new ChunkHaveResponse(hashes.Where(live.Contains).Distinct().ToList()), FileServerJsonContext.Default.ChunkHaveResponse);
    }

    private async Task<FileResponse> RecordAsync(
        string hash, long size, string uploader, DiskBudget.Reservation? reservation, CancellationToken cancellationToken)
    {
        var now = store.NowMs;
        var (entry, created) = await store.Index.UpsertAsync(EntryKind.Chunk, hash, size, uploader, now, store.ExpiresMs(now), cancellationToken);
        if (created) reservation?.Keep(size);
        return Answers.Ok(new ChunkStored(hash, entry.Size, entry.UploadedMs / 1000.0, entry.ExpiresMs / 1000.0, created),
            FileServerJsonContext.Default.ChunkStored);
    }

    /// <summary>Copies the body to <paramref name="sink"/> while hashing it; stops one byte past the chunk limit.</summary>
    private static async Task<(long Size, string Hash)> HashAsync(Stream body, Stream sink, CancellationToken cancellationToken)
    {
        var hasher = ChunkHash.CreateHasher();
        var buffer = ArrayPool<byte>.Shared.Rent(Limits.CopyBufferBytes);
        try
        {
            long size = 0;
            int read;
            while ((read = await body.ReadAsync(buffer.AsMemory(0, Limits.CopyBufferBytes), cancellationToken)) > 0)
            {
                size += read;
                if (size > FileLimits.MaxChunkBytes)
                    return (size, "");
                hasher.Update(buffer.AsSpan(0, read));
                await sink.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
            return (size, ChunkHash.Finish(hasher));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static FileResponse? Mismatch(long size, string actual, string expected) =>
        size > FileLimits.MaxChunkBytes ? TooLarge()
        : size == 0 ? Answers.Error(400, "the chunk is empty")
        : actual != expected ? Answers.Error(400, $"the chunk's BLAKE2b-256 is {actual}, not the hash in its path")
        : null;

    private static FileResponse TooLarge() => Answers.Error(413, $"a chunk is at most {FileLimits.MaxChunkBytes} bytes");

    private static FileResponse BadHash() => Answers.Error(400, "a chunk hash is 64 lowercase hex characters");

    private static FileResponse NotFound() => Answers.Error(404, "no such chunk (never stored, or expired)");

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
