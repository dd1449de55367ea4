namespace Wisp.Cli.Commands.Chat;

/// <summary>
/// What a line typed in <c>wisp chat</c> is: text to send, or a command. Every line that starts with <c>/</c> is a
/// command and is never sent; <c>//</c> sends the rest of the line with one leading <c>/</c>.
/// </summary>
internal abstract record SlashCommand
{
    private SlashCommand() { }

    /// <summary>The commands, as <c>/help</c> lists them.</summary>
    public const string Help =
        "Commands: /help (this list), /quit (or Ctrl-D) to leave, /disappear <30s|5m|1h|7d|off> to set the disappearing timer, " +
        "/list (the last messages, numbered: 1 is the latest), /reply N text, /react N 👍, /unreact N 👍, " +
        "/delete N (for you) or /delete N --everyone (your own message, for both sides). " +
        "Start a line with // to send a message that begins with /.";

    /// <summary>Text to send.</summary>
    public sealed record Text(string Body) : SlashCommand;

    /// <summary>/help.</summary>
    public sealed record ShowHelp : SlashCommand;

    /// <summary>/quit or /exit.</summary>
    public sealed record Quit : SlashCommand;

    /// <summary>/disappear with what followed it.</summary>
    public sealed record Disappear(string Argument) : SlashCommand;

    /// <summary>/list: the last messages, numbered from the latest.</summary>
    public sealed record List : SlashCommand;

    /// <summary>/reply N text.</summary>
    public sealed record Reply(int N, string Body) : SlashCommand;

    /// <summary>/react N emoji or /unreact N emoji.</summary>
    public sealed record React(int N, string Emoji, bool Remove) : SlashCommand;

    /// <summary>/delete N [--everyone].</summary>
    public sealed record Delete(int N, bool Everyone) : SlashCommand;

    /// <summary>A command typed wrongly, with how to type it.</summary>
    public sealed record Misused(string Usage) : SlashCommand;

    /// <summary>A line starting with / that is no command.</summary>
    public sealed record Unknown(string Name) : SlashCommand;

    /// <summary>Reads one typed line (already trimmed, not empty).</summary>
    public static SlashCommand Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.StartsWith("//", StringComparison.Ordinal))
            return new Text(line[1..]);
        if (!line.StartsWith('/'))
            return new Text(line);
        var space = line.IndexOfAny([' ', '\t']);
        var name = (space < 0 ? line : line[..space]).ToLowerInvariant();
        var argument = space < 0 ? "" : line[(space + 1)..].Trim();
        return name switch
        {
            "/help" or "/?" => new ShowHelp(),
            "/quit" or "/exit" => new Quit(),
            "/disappear" => new Disappear(argument),
            "/list" => new List(),
            "/reply" => Numbered(argument, out var n, out var rest) && rest.Length > 0 ? new Reply(n, rest) : new Misused("/reply N text (N from /list: 1 is the latest message)"),
            "/react" or "/unreact" => Numbered(argument, out var n, out var rest) && rest.Length > 0 && !rest.Contains(' ', StringComparison.Ordinal)
                ? new React(n, rest, name == "/unreact")
                : new Misused($"{name} N emoji (N from /list: 1 is the latest message)"),
            "/delete" => Numbered(argument, out var n, out var rest) && rest is "" or "--everyone"
                ? new Delete(n, rest == "--everyone")
                : new Misused("/delete N [--everyone] (N from /list: 1 is the latest message)"),
            _ => new Unknown(name),
        };
    }

    // "N rest": N a message number from 1.
    private static bool Numbered(string argument, out int n, out string rest)
    {
        var space = argument.IndexOfAny([' ', '\t']);
        var first = space < 0 ? argument : argument[..space];
        rest = space < 0 ? "" : argument[(space + 1)..].Trim();
        return int.TryParse(first, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out n) && n >= 1;
    }
}
