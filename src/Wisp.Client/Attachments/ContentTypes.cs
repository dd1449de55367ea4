namespace Wisp.Client.Attachments;

/// <summary>The content type a file's extension suggests (what a receiver uses to show it); anything unknown is octet-stream.</summary>
internal static class ContentTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".png"] = "image/png",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".txt"] = "text/plain",
        [".pdf"] = "application/pdf",
        [".mp4"] = "video/mp4",
        [".mp3"] = "audio/mpeg",
        [".m4a"] = "audio/mp4",
        [".zip"] = "application/zip",
        [".json"] = "application/json",
    };

    public static string Guess(string fileName) =>
        ByExtension.TryGetValue(Path.GetExtension(fileName), out var type) ? type : "application/octet-stream";
}
