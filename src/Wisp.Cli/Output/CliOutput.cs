using System.Text.Json.Nodes;

namespace Wisp.Cli.Output;

/// <summary>How every wisp command prints: plain text for people, one JSON document with <c>--json</c>, errors to stderr.</summary>
internal static class CliOutput
{
    /// <summary>Exit code for bad input a person can fix, including every error of the command-line parser.</summary>
    public const int UsageError = 2;

    /// <summary>Exit code for a failure that is not the user's input (unreachable node, I/O error).</summary>
    public const int Failure = 1;

    /// <summary>The exit codes every command keeps to, for <c>wisp --help</c> and the README.</summary>
    public const string ExitCodes = "Exit codes: 0 done; 1 failed (network, files); 2 usage error (bad arguments or input, "
        + "including the parser's own errors); 3 (send) still pending: the message stays in the outbox.";

    /// <summary>Writes a JSON object to stdout as an indented document, its names in snake_case (see <see cref="CliJson"/>).</summary>
    public static void Json(JsonObject value, TextWriter stdout) => stdout.WriteLine(CliJson.Document(value));

    /// <summary>Writes aligned "label: value" lines to stdout.</summary>
    public static void Fields(IEnumerable<(string Label, string Value)> fields, TextWriter stdout)
    {
        var list = fields.ToList();
        var width = list.Max(f => f.Label.Length) + 1;
        foreach (var (label, value) in list)
            stdout.WriteLine($"{(label + ":").PadRight(width)} {value}");
    }

    /// <summary>Writes an error for a person to stderr and returns <paramref name="exitCode"/>.</summary>
    public static int Error(string message, TextWriter stderr, int exitCode = UsageError)
    {
        stderr.WriteLine($"wisp: {message}");
        return exitCode;
    }
}
