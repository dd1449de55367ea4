using System.CommandLine;

namespace Wisp.Cli.Commands.Net;

/// <summary><c>wisp net …</c>: look at and change the local network that <c>wisp up</c> runs. Each subcommand lives in its own file.</summary>
internal static class NetCommand
{
    public static Command Create(NetworkContext context) => new(
        "net",
        "Look at and change the local network of `wisp up` (same --network). Works whether or not `wisp up` is running: "
        + "a running one starts added nodes and stops removed ones at once; otherwise the next `wisp up` does.")
    {
        NetStatusCommand.Create(context),
        NetAddNodeCommand.Create(context),
        NetRemoveNodeCommand.Create(context),
    };
}
