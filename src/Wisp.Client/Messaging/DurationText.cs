using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Wisp.Client.Messaging;

/// <summary>Durations as people type them for disappearing timers: <c>30s</c>, <c>5m</c>, <c>1h</c>, <c>7d</c>, <c>off</c>.</summary>
public static class DurationText
{
    /// <summary>The longest timer (14 days): a message does not outlive its stay in the swarm anyway.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(14);

    /// <summary>Parses <c>N</c> followed by s, m, h or d, or <c>off</c>/<c>0</c> (null). False with the problem otherwise.</summary>
    public static bool TryParse(string text, out TimeSpan? duration, [NotNullWhen(false)] out string? error)
    {
        duration = null;
        error = null;
        text = (text ?? "").Trim().ToLowerInvariant();
        if (text is "off" or "0")
            return true;
        if (text.Length < 2 || !long.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            error = $"'{text}' is not a duration: write a number and a unit (30s, 5m, 1h, 7d), or 'off'.";
            return false;
        }
        TimeSpan? parsed = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(Math.Min(amount, (long)Max.TotalSeconds + 1)),
            'm' => TimeSpan.FromMinutes(Math.Min(amount, (long)Max.TotalMinutes + 1)),
            'h' => TimeSpan.FromHours(Math.Min(amount, (long)Max.TotalHours + 1)),
            'd' => TimeSpan.FromDays(Math.Min(amount, (long)Max.TotalDays + 1)),
            _ => null,
        };
        if (parsed is null)
        {
            error = $"'{text}' has an unknown unit: use s, m, h or d.";
            return false;
        }
        if (parsed > Max)
        {
            error = $"a disappearing timer is at most {Format(Max)}.";
            return false;
        }
        duration = parsed;
        return true;
    }

    /// <summary>The shortest exact form: 90 s is "90s", 3600 s is "1h".</summary>
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        if (seconds % 86_400 == 0) return $"{seconds / 86_400}d";
        if (seconds % 3_600 == 0) return $"{seconds / 3_600}h";
        if (seconds % 60 == 0) return $"{seconds / 60}m";
        return $"{seconds}s";
    }
}
