namespace Wisp.Files.Api;

/// <summary>
/// One request to the file server, whether it came over HTTP or inside a v4 onion request: the same handlers answer
/// both, so a route behaves the same either way.
/// </summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">The path, without the query.</param>
/// <param name="Headers">Header lookup, case-insensitive.</param>
/// <param name="Body">The body, read as it arrives.</param>
/// <param name="ContentLength">The declared body length, when known.</param>
internal sealed record FileRequest(string Method, string Path, Func<string, string?> Headers, Stream Body, long? ContentLength);

/// <summary>
/// An answer: status, content type and a body held in memory or a stored file streamed out (disposed once sent).
/// </summary>
internal sealed record FileResponse(int Status, string ContentType, byte[] Body) : IDisposable
{
    /// <summary>The JSON content type (Session's, without a charset).</summary>
    public const string Json = "application/json";

    /// <summary>The content type of file and chunk bytes.</summary>
    public const string OctetStream = "application/octet-stream";

    /// <summary>The content type of Session's plain-text errors.</summary>
    public const string PlainText = "text/plain; charset=utf-8";

    /// <summary>A stored file to stream instead of <see cref="Body"/>.</summary>
    public FileStream? File { get; init; }

    /// <summary>The body's length in bytes.</summary>
    public long Length => File?.Length ?? Body.LongLength;

    public void Dispose() => File?.Dispose();
}
