using Wisp.Protocol.Files;

namespace Wisp.Files.Api;

/// <summary>
/// Routes a <see cref="FileRequest"/> to its handler. Used for HTTP requests and for the requests inside v4 onion
/// requests alike, so every route answers the same either way. Unknown paths get Session's <c>{"status_code":404}</c>,
/// a known path with the wrong method <c>{"status_code":405}</c>.
/// </summary>
internal sealed class FileApi(FileStore store)
{
    private readonly SessionFileRoutes _files = new(store);
    private readonly ChunkRoutes _chunks = new(store);

    /// <summary>Answers <paramref name="request"/>.</summary>
    public Task<FileResponse> HandleAsync(FileRequest request, CancellationToken cancellationToken)
    {
        var segments = request.Path.Split('/');
        // segments[0] is the empty string before the leading '/'.
        return (request.Method, segments.Length > 1 ? segments[1] : "", segments.Length) switch
        {
            ("POST", "file", 2) => _files.UploadAsync(request, cancellationToken),
            ("POST", "files", 2) => _files.LegacyUploadAsync(request, cancellationToken),
            ("GET", "file", 3) => _files.DownloadAsync(segments[2], cancellationToken),
            ("GET", "file", 4) when segments[3] == "info" => _files.InfoAsync(segments[2], cancellationToken),
            ("GET", "files", 3) => _files.LegacyDownloadAsync(segments[2], cancellationToken),
            ("PUT", "chunk", 3) => _chunks.PutAsync(request, segments[2], cancellationToken),
            ("GET", "chunk", 3) => _chunks.GetAsync(segments[2], cancellationToken),
            ("GET", "chunk", 4) when segments[3] == "info" => _chunks.InfoAsync(segments[2], cancellationToken),
            ("POST", "chunks", 3) when segments[2] == "have" => _chunks.HaveAsync(request, cancellationToken),
            ("GET", "limits", 2) => Task.FromResult(LimitsAnswer()),
            _ => Task.FromResult(Answers.Status(IsKnownPath(segments) ? 405 : 404)),
        };
    }

    private FileResponse LimitsAnswer() => Answers.Ok(
        new FileServerLimits(FileLimits.MaxFileBytes, FileLimits.ChunkBytes, FileLimits.MaxChunkBytes, store.Options.UploaderQuotaBytes,
            (long)store.Options.Expiry.TotalSeconds, FileLimits.MaxHaveHashes),
        FileServerJsonContext.Default.FileServerLimits);

    private static bool IsKnownPath(string[] segments) => segments.Length > 1 && segments[1] switch
    {
        "file" or "files" or "chunk" => segments.Length is 2 or 3 or 4,
        "chunks" => segments.Length == 3 && segments[2] == "have",
        "limits" => segments.Length == 2,
        _ => false,
    };
}
