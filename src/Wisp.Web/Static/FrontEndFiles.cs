using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace Wisp.Web.Static;

/// <summary>
/// The built front end (<c>web/dist</c>), embedded in this assembly at build time and served from memory: the right
/// content type, an ETag, <c>no-cache</c> for the page itself and a year for the content-hashed files under
/// <c>assets/</c>. Paths without a file extension get the page (the app routes them). Without an embedded build,
/// <c>/</c> says how to build one.
/// </summary>
internal sealed class FrontEndFiles
{
    private const string Prefix = "frontend/";
    private const string Index = "index.html";

    /// <summary>What a request gets when no front end was built into this binary.</summary>
    public const string NotBuilt =
        "The Wisp web app's front end was not built into this wisp binary.\n\n" +
        "Build it with Node.js 20 or later: run `npm ci && npm run build` in the web/ folder of the Wisp source, then build wisp " +
        "again (./wisp does both when Node is installed). The JSON API under /api works without it.\n";

    private readonly FrozenDictionary<string, FrontEndFile> _files;

    private FrontEndFiles(FrozenDictionary<string, FrontEndFile> files) => _files = files;

    /// <summary>True when a built front end is embedded (it has an index.html).</summary>
    public bool IsBuilt => _files.ContainsKey(Index);

    /// <summary>How many files are embedded.</summary>
    public int Count => _files.Count;

    /// <summary>Reads the files embedded in this assembly.</summary>
    public static FrontEndFiles Load()
    {
        var assembly = typeof(FrontEndFiles).Assembly;
        var types = new FileExtensionContentTypeProvider();
        var files = new Dictionary<string, FrontEndFile>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var path = name[Prefix.Length..].Replace('\\', '/');
            var bytes = copy.ToArray();
            var type = types.TryGetContentType(path, out var known) ? known : "application/octet-stream";
            if (type.StartsWith("text/", StringComparison.Ordinal) || type is "application/javascript" or "application/json" or "image/svg+xml")
                type += "; charset=utf-8";
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"";
            var cache = path.StartsWith("assets/", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache";
            files[path] = new FrontEndFile(bytes, type, etag, cache);
        }
        return new FrontEndFiles(files.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>Answers a request outside <c>/api</c>.</summary>
    public async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return;
        }
        var path = (request.Path.Value ?? "/").TrimStart('/');
        if (!IsBuilt)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.ContentType = "text/plain; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            await response.WriteAsync(NotBuilt, context.RequestAborted);
            return;
        }
        if (path.Length == 0 || (!_files.ContainsKey(path) && !Path.HasExtension(path)))
            path = Index;
        if (!_files.TryGetValue(path, out var file))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("not found\n", context.RequestAborted);
            return;
        }
        response.Headers.ETag = file.ETag;
        response.Headers.CacheControl = file.CacheControl;
        if (request.Headers.IfNoneMatch.Contains(file.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.ContentType = file.ContentType;
        response.ContentLength = file.Bytes.Length;
        if (HttpMethods.IsGet(request.Method))
            await response.Body.WriteAsync(file.Bytes, context.RequestAborted);
    }

    private sealed record FrontEndFile(byte[] Bytes, string ContentType, string ETag, string CacheControl);
}
