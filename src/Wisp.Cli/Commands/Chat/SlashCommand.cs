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
        "Commands: /help (this list), /quit (or Ctrl-D) to leave, /disappear <30s|5m|1h|7d|off> to set the disappearing timer. " +
        "Start a line with // to send a message that begins with /.";

    /// <summary>Text to send.</summary>
    public sealed record Text(string Body) : SlashCommand;

    /// <summary>/help.</summary>
    public sealed record ShowHelp : SlashCommand;

    /// <summary>/quit or /exit.</summary>
    public sealed record Quit : SlashCommand;

    /// <summary>/disappear with what followed it.</summary>
    public sealed record Disappear(string Argument) : SlashCommand;

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
            _ => new Unknown(name),
        };
    }
}
