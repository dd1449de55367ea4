using System.CommandLine;
using System.Globalization;
using Wisp.Cli.Output;
using Wisp.Community.Admin;

namespace Wisp.Cli.Commands.Community;

/// <summary>The options the administration verbs share, and how they open the data directory and report.</summary>
internal static class AdminOptions
{
    /// <summary><c>--data DIR</c>: the server's data directory (its database).</summary>
    public static Option<string> Data() => new("--data")
    {
        Description = "The community server's data directory (as given to `wisp community run --data`); created on first use.",
        Required = true,
    };

    /// <summary><c>--room TOKEN</c>: one room.</summary>
    public static Option<string?> Room(string what) => new("--room") { Description = $"The room's token: {what} in that room only." };

    /// <summary><c>--global</c>: the whole server.</summary>
    public static Option<bool> Global(string what) => new("--global") { Description = $"{what} on the whole server (every room)." };

    /// <summary><c>--json</c>.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document instead of text." };

    /// <summary>The Session ID argument.</summary>
    public static Argument<string> Id() => new("ID")
    {
        Description = "The member's blinded ID on this server (15… or 25…, as the room shows them), or their Account ID (05…) once they have used the server.",
    };

    /// <summary>Exactly one of <c>--room</c> and <c>--global</c>; the error otherwise.</summary>
    public static string? Scope(string? room, bool global) => (room, global) switch
    {
        (null, false) => "give --room TOKEN for one room or --global for the whole server.",
        (not null, true) => "give --room or --global, not both.",
        _ => null,
    };

    /// <summary>Runs <paramref name="work"/> on the data directory; exit 1 when it cannot be opened.</summary>
    public static async Task<int> WithAdminAsync(string data, TextWriter stderr, Func<CommunityAdmin, Task<int>> work)
    {
        CommunityAdmin admin;
        try
        {
            admin = CommunityAdmin.Open(data);
        }
        catch (Exception exception) when (exception is Wisp.Community.Auth.CommunityServerStartException or IOException or UnauthorizedAccessException)
        {
            return CliOutput.Error($"--data: {data} cannot be used: {exception.Message}", stderr, CliOutput.Failure);
        }
        using (admin)
            return await work(admin);
    }

    /// <summary>A refused step: its sentence to stderr, exit 2 (the input can be fixed).</summary>
    public static int Refused<T>(AdminResult<T> result, TextWriter stderr) => CliOutput.Error(result.Error!, stderr);

    /// <summary>A duration: seconds, or a number with s, m, h or d; null when it is none of these or not positive.</summary>
    public static TimeSpan? Duration(string text)
    {
        text = text.Trim();
        var unit = text.Length > 0 && char.IsAsciiLetter(text[^1]) ? char.ToLowerInvariant(text[^1]) : 's';
        var number = char.IsAsciiLetter(text.Length > 0 ? text[^1] : '0') ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0 || !double.IsFinite(value))
            return null;
        double? seconds = unit switch { 's' => value, 'm' => value * 60, 'h' => value * 3600, 'd' => value * 86400, _ => null };
        return seconds is { } s && s <= TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(s) : null;
    }
}
