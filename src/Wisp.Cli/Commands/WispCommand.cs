using System.CommandLine;

namespace Wisp.Cli.Commands;

/// <summary>The root <c>wisp</c> command: a table of contents of its verbs.</summary>
internal static class WispCommand
{
    public static RootCommand Create() => new("Wisp: a decentralized, metadata-private messenger.")
    {
        AccountCommand.Create(),
    };
}
