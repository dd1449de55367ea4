using System.Globalization;
using Wisp.Client.Attachments;

namespace Wisp.Cli.Output;

/// <summary>
/// A transfer's progress on stderr: on a terminal one line redrawn in place (bar, percent, bytes, rate, time left);
/// into a file or pipe a line at each tenth, so logs stay short. Never on stdout, which keeps the command's answer.
/// </summary>
internal sealed class TransferProgressBar(TextWriter stderr, bool interactive) : IProgress<TransferProgress>
{
    private const int Width = 24;
    private readonly Lock _lock = new();
    private int _lastTenth = -1;
    private bool _drawn;

    public void Report(TransferProgress value)
    {
        lock (_lock)
        {
            var line = Line(value);
            if (interactive)
            {
                stderr.Write($"\r{line}\u001b[K");
                _drawn = true;
                if (value.DoneBytes >= value.TotalBytes)
                {
                    stderr.WriteLine();
                    _drawn = false;
                }
                return;
            }
            var tenth = (int)(value.Fraction * 10);
            if (tenth == _lastTenth)
                return;
            _lastTenth = tenth;
            stderr.WriteLine(line);
            if (value.DoneBytes >= value.TotalBytes)
                _lastTenth = -1;
        }
    }

    /// <summary>Ends a line left open by an interrupted transfer.</summary>
    public void Finish()
    {
        lock (_lock)
            if (_drawn)
                stderr.WriteLine();
    }

    /// <summary>"up   photo.jpg [#########...............] 38%  402.7 MB/1.06 GB  85.1 MB/s  0:07 left (resumed 120.0 MB)".</summary>
    public static string Line(TransferProgress value)
    {
        var filled = (int)Math.Round(value.Fraction * Width);
        var bar = new string('#', filled) + new string('.', Width - filled);
        var left = value.Remaining is { } remaining ? $"{Duration(remaining)} left" : "--:-- left";
        var resumed = value.ResumedBytes > 0 ? $" (resumed {AttachmentSummary.Size(value.ResumedBytes)})" : "";
        var direction = value.Direction == TransferDirection.Upload ? "up  " : "down";
        return string.Create(CultureInfo.InvariantCulture,
            $"{direction} {value.FileName} [{bar}] {value.Fraction * 100,3:0}%  {AttachmentSummary.Size(value.DoneBytes)}/{AttachmentSummary.Size(value.TotalBytes)}  {AttachmentSummary.Size((long)value.BytesPerSecond)}/s  {left}{resumed}");
    }

    private static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
        : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:00}");
}
