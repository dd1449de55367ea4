using System.CommandLine;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp account …</c>: accounts and recovery phrases.</summary>
internal static class AccountCommand
{
    public static Command Create()
    {
        var command = new Command("account", "Accounts and recovery phrases.");
        return command;
    }
}
