using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Wisp.Web.Api;

/// <summary>What an upload says about its file: name, caption, the browser's type for it, and its size.</summary>
internal sealed record UploadInfo(string Name, string? Caption, string ContentType, long Length)
{
    /// <summary>True when the type is one of the images the page shows inline.</summary>
    public bool IsImage => ImageTypes.IsImage(ContentType);
}

/// <summary>
/// Checks an upload before its body is read: a declared size (411 without), within the route's limit (413), not empty,
/// a file name that is only a name; then raises this request's body limit from the API's 64 KiB to the route's, so
/// the body can be streamed on to the SDK.
/// </summary>
internal static partial class UploadBody
{
    /// <summary>The header the page sends the browser's type of the file in (the body itself is octet-stream).</summary>
    public const string FileTypeHeader = "X-Wisp-File-Type";

    public static bool TryAccept(HttpContext context, long limit, bool named, out UploadInfo? info, out IResult? error)
    {
        info = null;
        var request = context.Request;
        if (request.ContentLength is not { } length)
            return Fail(StatusCodes.Status411LengthRequired, "send the file's size as Content-Length.", out error);
        if (length > limit)
            return Fail(StatusCodes.Status413PayloadTooLarge, $"the file is {length:N0} bytes; at most {limit:N0} bytes can be sent.", out error);
        if (length == 0)
            return Fail(StatusCodes.Status400BadRequest, "the file is empty.", out error);
        var name = request.Query["name"].ToString();
        if (named && NameProblem(name) is { } problem)
            return Fail(StatusCodes.Status400BadRequest, problem, out error);
        var caption = request.Query["caption"].ToString();
        if (caption.Length > WebLimits.MaxCaptionLength)
            return Fail(StatusCodes.Status400BadRequest, $"a caption has at most {WebLimits.MaxCaptionLength} characters.", out error);
        var type = request.Headers[FileTypeHeader].ToString().Trim().ToLowerInvariant();
        if (!MediaType().IsMatch(type))
            type = "application/octet-stream";
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
            bodyLimit.MaxRequestBodySize = limit;
        info = new UploadInfo(name, caption.Length == 0 ? null : caption, type, length);
        error = null;
        return true;
    }

    /// <summary>Why <paramref name="name"/> is not a plain file name, or null: no folders, no control characters.</summary>
    public static string? NameProblem(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "name the file: ?name=photo.jpg.";
        if (name.Length > WebLimits.MaxFileNameLength)
            return $"a file name has at most {WebLimits.MaxFileNameLength} characters.";
        if (name is "." or ".." || name.IndexOfAny(['/', '\\']) >= 0)
            return $"'{name}' is not a file name: it must not name a folder (no / or \\).";
        if (name.Any(char.IsControl))
            return "a file name must not hold control characters.";
        return null;
    }

    private static bool Fail(int status, string message, out IResult? error)
    {
        error = ApiResults.Error(status, message);
        return false;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$")]
    private static partial Regex MediaType();
}

/// <summary>The image types the page shows inline; anything else (SVG, HTML, …) is only ever served as a download.</summary>
internal static class ImageTypes
{
    private static readonly HashSet<string> Shown = new(StringComparer.OrdinalIgnoreCase) { "image/png", "image/jpeg", "image/gif", "image/webp" };

    public static bool IsImage(string? contentType) => contentType is not null && Shown.Contains(contentType);
}
