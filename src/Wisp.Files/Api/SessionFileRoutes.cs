using System.Text.Json;
using Wisp.Files.Storage;
using Wisp.Protocol.Files;

namespace Wisp.Files.Api;

/// <summary>
/// Session's file routes, as session-file-server answers them: <c>POST /file</c> (the body is the file, up to
/// 6,000,000 bytes, 413 otherwise), <c>GET /file/{id}</c>, <c>GET /file/{id}/info</c>, and the legacy base64 pair
/// <c>POST /files</c> and <c>GET /files/{id}</c>. Errors are <c>{"status_code": N}</c>. A file's ID is its salted
/// BLAKE2b (<see cref="FileId"/>), so uploading the same bytes again only moves its upload time and expiry.
/// </summary>
internal sealed class SessionFileRoutes(FileStore store)
{
    /// <summary><c>POST /file</c>.</summary>
    public async Task<FileResponse> UploadAsync(FileRequest request, CancellationToken cancellationToken)
    {
        var body = await BodyReader.ReadAtMostAsync(request, FileLimits.MaxFileBytes, cancellationToken);
        if (body is null || body.Length == 0)
            return Answers.Status(413);
        var id = await StoreAsync(body, cancellationToken);
        return id is null ? Answers.Status(507) : Answers.Ok(new FileUploaded(id), FileServerJsonContext.Default.FileUploaded);
    }

    /// <summary><c>POST /files</c>: <c>{"file": base64}</c>, answered <c>{"result": id, "status_code": 200}</c>.</summary>
    public async Task<FileResponse> LegacyUploadAsync(FileRequest request, CancellationToken cancellationToken)
    {
        // The JSON around the base64 is small; anything past the base64 limit and a margin is too large in any case.
        var json = await BodyReader.ReadAtMostAsync(request, FileLimits.MaxFileBase64Chars + 1024, cancellationToken);
        if (json is null)
            return Answers.Status(413);
        LegacyFileUpload? upload;
        try
        {
            upload = JsonSerializer.Deserialize(json, FileServerJsonContext.Default.LegacyFileUpload);
        }
        catch (JsonException)
        {
            upload = null;
        }
        if (upload?.File is not { } base64)
            return Answers.Status(400);
        if (base64.Length is 0 or > FileLimits.MaxFileBase64Chars)
            return Answers.Status(413);
        if (!TryDecodeBase64(base64, out var file))
            return Answers.Status(400);
        if (file.Length is 0 or > FileLimits.MaxFileBytes)
            return Answers.Status(413);
        var id = await StoreAsync(file, cancellationToken);
        return id is null ? Answers.Status(507) : Answers.Ok(new LegacyFileUploaded(id, 200), FileServerJsonContext.Default.LegacyFileUploaded);
    }

    /// <summary><c>GET /file/{id}</c>.</summary>
    public async Task<FileResponse> DownloadAsync(string id, CancellationToken cancellationToken)
    {
        if (!FileId.IsWellFormed(id) || await store.Index.FindAsync(EntryKind.File, id, store.NowMs, cancellationToken) is null)
            return Answers.Status(404);
        return store.Blobs.OpenRead(EntryKind.File, id) is { } file ? Answers.Bytes(file) : Answers.Status(404);
    }

    /// <summary><c>GET /files/{id}</c>: <c>{"status_code": 200, "result": base64}</c>.</summary>
    public async Task<FileResponse> LegacyDownloadAsync(string id, CancellationToken cancellationToken)
    {
        using var found = await DownloadAsync(id, cancellationToken);
        if (found.File is not { } file)
            return found;
        var bytes = new byte[file.Length];
        await file.ReadExactlyAsync(bytes, cancellationToken);
        return Answers.Ok(new LegacyFileDownload(200, Convert.ToBase64String(bytes)), FileServerJsonContext.Default.LegacyFileDownload);
    }

    /// <summary><c>GET /file/{id}/info</c>.</summary>
    public async Task<FileResponse> InfoAsync(string id, CancellationToken cancellationToken)
    {
        var entry = FileId.IsWellFormed(id) ? await store.Index.FindAsync(EntryKind.File, id, store.NowMs, cancellationToken) : null;
        return entry is null ? Answers.Status(404) : Answers.Ok(entry.ToInfo(), FileServerJsonContext.Default.FileInfo);
    }

    /// <summary>Stores the file (or extends it when the same bytes are there); null when the server is full.</summary>
    private async Task<string?> StoreAsync(byte[] file, CancellationToken cancellationToken)
    {
        var id = FileId.Of(file);
        var now = store.NowMs;
        if (await store.Index.ExistsAsync(EntryKind.File, id, cancellationToken) && store.Blobs.Exists(EntryKind.File, id))
        {
            await store.Index.UpsertAsync(EntryKind.File, id, file.Length, null, now, store.ExpiresMs(now), cancellationToken);
            return id;
        }
        using var reservation = store.Budget.TryReserve(file.Length, uploader: null, out _);
        if (reservation is null)
            return null;
        var (path, stream) = store.Blobs.CreateTemporary();
        try
        {
            await using (stream)
                await stream.WriteAsync(file, cancellationToken);
            store.Blobs.Commit(path, EntryKind.File, id);
        }
        catch
        {
            BlobStore.Discard(path);
            throw;
        }
        var (_, created) = await store.Index.UpsertAsync(EntryKind.File, id, file.Length, null, now, store.ExpiresMs(now), cancellationToken);
        if (created) reservation.Keep(file.Length);
        return id;
    }

    /// <summary>Session decodes either base64 alphabet, padded or not.</summary>
    private static bool TryDecodeBase64(string text, out byte[] bytes)
    {
        var standard = text.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        standard += (standard.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        bytes = new byte[standard.Length / 4 * 3];
        if (!Convert.TryFromBase64String(standard, bytes, out var written))
            return false;
        bytes = bytes[..written];
        return true;
    }
}
