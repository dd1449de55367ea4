using System.CommandLine;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp files …</c>: run a file server (<c>run</c>); the client's transfers join here.</summary>
internal static class FilesCommand
{
    public static Command Create() => new("files", "Run a Wisp file server for attachments.")
    {
        FilesRunCommand.Create(),
    };
}
