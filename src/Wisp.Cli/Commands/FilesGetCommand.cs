using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client.Attachments;
using Wisp.Client.Conversations;
using Wisp.Client.Direct;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp files get MESSAGE|ATTACHMENT [--out DIR]</c>: download a message's files (or one), digest checked.</summary>
internal static class FilesGetCommand
{
    /// <summary>Adds <c>get</c> to the <c>files</c> command and returns it.</summary>
    public static Command Attach(Command files, ChatContext context)
    {
        files.Subcommands.Add(Create(context));
        return files;
    }

    public static Command Create(ChatContext context)
    {
        var options = new ChatOptions();
        var id = new Argument<string>("id")
        {
            Description = "A message's id (all its files; ids are in `wisp history --json`) or one attachment's, MESSAGE:INDEX (INDEX from 0).",
        };
        var output = new Option<string?>("--out") { Description = "The directory to save into (default: the current directory)." };
        var command = new Command(
            "get",
            "Download a message's files through onion paths (a file that came on a direct session is on this device already, " +
            "and is marked [direct] or [relayed]): each chunk is checked against its address, the whole file " +
            "against the digest the message carried, and only then is it decrypted and saved under its name (\"name (2).ext\" " +
            "when taken). Progress on stderr. An interrupted download resumes where it stopped when run again. Exit code 0 " +
            "when every file was saved, 1 when one failed or was refused, 2 for an unknown id.")
        {
            id,
            output,
        };
        options.AddTo(command, withNetwork: true);
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse, context, options, parse.GetValue(id)!, parse.GetValue(output), parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        ParseResult parse, ChatContext context, ChatOptions options, string id, string? output, TextWriter stdout, TextWriter stderr,
        CancellationToken cancellationToken)
    {
        if (!ClientSession.TryOpen(parse, context, options, withNetwork: true, stderr, out var client, out var exitCode))
            return exitCode;
        await using (client)
        {
            var attachments = client.Attachments.Find(id) is { } one ? [one] : client.Attachments.ForMessage(id);
            if (attachments.Count == 0)
                return CliOutput.Error(client.Messages.Find(id) is null ? $"there is no message or attachment {id}." : $"message {id} has no files.", stderr);
            var directory = Path.GetFullPath(output ?? ".");
            var results = new List<(AttachmentView View, DownloadResult Result)>();
            foreach (var attachment in attachments)
            {
                var bar = new TransferProgressBar(stderr, interactive: !Console.IsErrorRedirected);
                DownloadResult result;
                try
                {
                    result = await client.Attachments.DownloadAsync(attachment.Id, directory, bar, cancellationToken);
                }
                finally
                {
                    bar.Finish();
                }
                results.Add((attachment, result));
                if (!parse.GetValue(options.Json))
                    stdout.WriteLine(result.Ok ? $"saved {result.Path}{(result.Via is { } via ? $"  [{DirectStates.Word(via)}]" : "")}" : $"FAILED {attachment.FileName}: {result.Error}");
            }
            if (parse.GetValue(options.Json))
            {
                CliOutput.Json(new JsonObject
                {
                    ["files"] = new JsonArray([.. results.Select(r => (JsonNode)new JsonObject
                    {
                        ["id"] = r.View.Id,
                        ["file_name"] = r.View.FileName,
                        ["size"] = r.View.Size,
                        ["saved"] = r.Result.Path,
                        ["path"] = DirectStates.FileWord(r.Result.Via ?? client.Attachments.ViaOf(r.View.Id)),
                        ["error"] = r.Result.Error,
                        ["chunks_fetched"] = r.Result.ChunksFetched,
                        ["chunks_resumed"] = r.Result.ChunksResumed,
                    })]),
                }, stdout);
            }
            return results.All(r => r.Result.Ok) ? 0 : CliOutput.Failure;
        }
    }
}
