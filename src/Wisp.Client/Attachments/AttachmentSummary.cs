using System.Globalization;
using Wisp.Protocol.Content;

namespace Wisp.Client.Attachments;

/// <summary>
/// The text a message with files shows where only text is shown (history, search, notifications): one line per file,
/// then the caption. The files themselves are in the message's attachments.
/// </summary>
internal static class AttachmentSummary
{
    public static string Describe(string? caption, IEnumerable<AttachmentPointer> pointers)
    {
        var lines = pointers.Select(p => $"[file] {(p.HasFileName && p.FileName.Length > 0 ? Path.GetFileName(p.FileName) : "attachment")} ({Size(p.Size)})").ToList();
        if (!string.IsNullOrEmpty(caption))
            lines.Add(caption);
        return string.Join('\n', lines);
    }

    /// <summary>Bytes in the largest unit that keeps a number of at least 1: "512 B", "4.2 MB", "1.0 GB" (SI units, as disks count).</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1_000 => $"{bytes} B",
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e3:0.0} kB"),
        < 1_000_000_000 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.00} GB"),
    };
}
