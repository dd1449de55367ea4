using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Front;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp export [--out FILE]</c>: every conversation and message as one JSON file.</summary>
internal static class ExportCommand
{
    /// <summary>Below this many conversations an export is quick and shows no progress.</summary>
    private const int ProgressFrom = 20;

    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var output = new Option<string?>("--out")
        {
            Description = "The file to write (default: wisp-export-<profile>-<UTC date>.json in the current directory). It is " +
                          "replaced whole once complete, and only you can read it (0600): it holds your messages in the clear.",
        };
        var command = new Command(
            "export",
            "Export every conversation and message as JSON (snake_case), decrypted, to a file only you can read.")
        {
            output,
        };
        options.AddTo(command, withNetwork: false);
        command.SetAction((parse, cancellationToken) => RunAsync(parse, context, options, parse.GetValue(output), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ChatContext context, ChatOptions options, string? output, CancellationToken cancellationToken)
    {
        var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        if (output is { Length: 0 })
            return CliOutput.Error("--out needs a file name.", stderr);
        if (output is not null && Directory.Exists(output))
            return CliOutput.Error($"--out {output} is a directory; name a file.", stderr);
        if (!ClientSession.TryOpen(parse, context, options, withNetwork: false, stderr, out var session, out var exitCode))
            return exitCode;
        await using (session)
        {
            var path = Path.GetFullPath(output ?? $"wisp-export-{session.Profile}-{DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.json");
            var shown = -1;
            var progress = new SynchronousProgress(step =>
            {
                // Tenths of the way, on stderr, so stdout stays the result.
                var tenth = step.Conversations * 10 / Math.Max(1, step.TotalConversations);
                if (step.TotalConversations < ProgressFrom || tenth == shown)
                    return;
                shown = tenth;
                stderr.WriteLine($"exported {step.Conversations}/{step.TotalConversations} conversations ({step.Messages} messages)");
            });
            ExportSummary summary;
            try
            {
                summary = await session.Archive.ExportAsync(path, progress, cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return CliOutput.Error($"could not write {path}: {exception.Message}", stderr, CliOutput.Failure);
            }
            if (parse.GetValue(options.Json))
            {
                CliOutput.Json(new JsonObject
                {
                    ["path"] = path,
                    ["conversations"] = summary.Conversations,
                    ["messages"] = summary.Messages,
                }, stdout);
            }
            else
            {
                stdout.WriteLine($"Exported {summary.Conversations} conversations ({summary.Messages} messages) to {path}");
                stdout.WriteLine("It holds your messages in the clear: keep it safe, and delete it when done.");
            }
            return 0;
        }
    }

    // Progress<T> posts to the thread pool; a command's progress lines must come in order, at once.
    private sealed class SynchronousProgress(Action<ExportSummary> report) : IProgress<ExportSummary>
    {
        public void Report(ExportSummary value) => report(value);
    }
}
