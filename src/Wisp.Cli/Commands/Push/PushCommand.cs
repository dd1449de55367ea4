using System.CommandLine;

namespace Wisp.Cli.Commands.Push;

/// <summary><c>wisp push …</c>: run a push server (<c>run</c>); the client's <c>register</c>, <c>unregister</c> and <c>status</c> attach here.</summary>
internal static class PushCommand
{
    public static Command Create() => new("push", "Push notifications: run a push server, or register this account's notifications with one.")
    {
        RunCommand.Create(),
    };
}
