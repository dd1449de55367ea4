using System.CommandLine;
using Wisp.Cli.Commands.Chat;

namespace Wisp.Cli.Commands.Push;

/// <summary>The account's verbs under <c>wisp push</c> (register, unregister, status), beside the server's <c>run</c>.</summary>
internal static class PushClientCommands
{
    /// <summary>Adds the client verbs to the <c>push</c> command and returns it.</summary>
    public static Command Attach(Command push, ChatContext context)
    {
        push.Subcommands.Add(PushRegisterCommand.Create(context));
        push.Subcommands.Add(PushUnregisterCommand.Create(context));
        push.Subcommands.Add(PushStatusCommand.Create(context));
        return push;
    }
}
