using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;
using Wisp.Community.Api;
using Wisp.Community.Auth;
using Wisp.Community.Users;
using Wisp.Protocol.Community;

namespace Wisp.Community.Files;

/// <summary>
/// Room files, as pysogs's <c>routes/rooms.py</c> serves them: <c>POST /room/{token}/file</c> (the raw bytes as the
/// body, the name in <c>Content-Disposition</c>; 201 <c>{"id"}</c>; 403 without upload and write rights; 413 over
/// <see cref="Limits.MaxFileBytes"/>) and <c>GET /room/{token}/file/{id}</c> (and <c>/{id}/{any name}</c>): the
/// bytes with the name, upload date and expiry in headers; 403 without read rights; 404 once it has expired.
/// </summary>
internal sealed class FileRoutes : IRouteGroup
{
    public void Map(RouteTable routes)
    {
        routes.Post("/room/{room}/file", UploadAsync);
        routes.Get("/room/{room}/file/{int}", DownloadAsync);
        routes.Get("/room/{room}/file/{int}/{word}", DownloadAsync);
    }

    private static async Task<CommunityResponse> UploadAsync(RouteContext context, CancellationToken cancellationToken)
    {
        if (Require.User(context) is { } unsigned)
            return unsigned;
        var rights = await context.Services.Permissions.ForAsync(context.Room, context.User, cancellationToken);
        if (!rights.CanUpload)
            return Reply.Status(403);
        if (context.Request.Body.Length > Limits.MaxFileBytes)
            return Reply.Status(413);
        var id = await context.Services.RoomFiles.AddAsync(context.Room.Token, context.Room.Id, context.User!.Id, context.Request.Body,
            Filename(context.Request.Headers("Content-Disposition")), context.Services.Now(), Limits.UploadLifetimeSeconds, cancellationToken);
        return Reply.Json(new FileUploaded(id), CommunityModerationJsonContext.Default.FileUploaded, 201);
    }

    private static async Task<CommunityResponse> DownloadAsync(RouteContext context, CancellationToken cancellationToken)
    {
        var rights = await context.Services.Permissions.ForAsync(context.Room, context.User, cancellationToken);
        if (!rights.CanRead)
            return Reply.Text(403, "This endpoint requires room message 'read' permission");
        var store = context.Services.RoomFiles;
        if (await store.FindAsync(context.Room.Id, context.Numbers[0], context.Services.Now(), cancellationToken) is not { } file)
            return Reply.Status(404);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(store.FullPath(file.Path), cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return Reply.Status(404); // swept between the lookup and the read
        }
        var headers = new Dictionary<string, string>
        {
            ["Content-Disposition"] = file.Filename is null ? "attachment" : $"attachment; filename*=UTF-8''{Quote(file.Filename)}",
            ["Date"] = HttpDate(file.Uploaded),
        };
        if (file.Expiry is { } expiry)
            headers["Expires"] = HttpDate(expiry);
        return new CommunityResponse(200, "application/octet-stream", bytes) { ExtraHeaders = headers };
    }

    /// <summary>The name a <c>Content-Disposition</c> header gives (<c>filename*</c> decoded, else <c>filename</c>), or null.</summary>
    internal static string? Filename(string? header)
    {
        if (header is null || !ContentDispositionHeaderValue.TryParse(header, out var parsed))
            return null;
        if (parsed.FileNameStar.HasValue)
            return parsed.FileNameStar.Value;
        return parsed.FileName.HasValue ? HeaderUtilities.RemoveQuotes(parsed.FileName).ToString() : null;
    }

    // Python's urllib.parse.quote of the UTF-8 bytes: letters, digits, "_.-~" and "/" stay, the rest is %XX.
    private static string Quote(string filename)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(filename))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'_' or (byte)'.' or (byte)'-' or (byte)'~' or (byte)'/')
                text.Append((char)b);
            else
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return text.ToString();
    }

    private static string HttpDate(double unixSeconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(unixSeconds * 1000)).ToString("r", CultureInfo.InvariantCulture);
}
