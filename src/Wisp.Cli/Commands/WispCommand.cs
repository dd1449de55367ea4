using System.CommandLine;
using System.CommandLine.Invocation;
using Wisp.Cli.Commands.Account;
using Wisp.Cli.Commands.Net;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands;

/// <summary>The root <c>wisp</c> command: a table of contents of its verbs.</summary>
internal static class WispCommand
{
    public static RootCommand Create() => Create(CliEnvironment.FromProcess());

    /// <summary>The command tree over a given environment (tests pass their own).</summary>
    internal static RootCommand Create(CliEnvironment environment)
    {
        var home = new Option<string?>("--home")
        {
            Description = "The Wisp home directory, which holds the profiles (default: WISP_HOME, else $XDG_DATA_HOME/wisp, else ~/.local/share/wisp).",
            Recursive = true,
        };
        var accounts = new AccountContext(environment, home);
        var network = new NetworkContext(environment, home);
        var chat = new Chat.ChatContext(environment, home);
        return new($"Wisp: a decentralized, metadata-private messenger. {CliOutput.ExitCodes}")
        {
            home,
            AccountCommand.Create(accounts, chat),
            NodeCommand.Create(),
            UpCommand.Create(network),
            NetCommand.Create(network),
            SendCommand.Create(chat),
            ChatCommand.Create(chat),
            InboxCommand.Create(chat),
            RequestsCommand.Create(chat),
            ContactsCommand.Create(chat),
            OutboxCommand.Create(chat),
            RetryCommand.Create(chat),
            DaemonCommand.Create(chat),
            HistoryCommand.Create(chat),
            SearchCommand.Create(chat),
            ExportCommand.Create(chat),
            BlockedCommand.Create(chat),
            BlockedCommand.CreateUnblock(chat),
            ReactCommand.Create(chat),
            DeleteCommand.Create(chat),
            WebCommand.Create(network),
            FilesGetCommand.Attach(FilesCommand.Create(), chat),
            GroupCommand.Create(chat),
            DeviceCommand.Create(chat),
            // communities: `wisp community run`, the admin and client subcommands (CommunityCommand, ClientCommands)
            Community.ClientCommands.Attach(Community.CommunityCommand.Create(), chat), // the client verbs
            // push: `wisp push run` (Push/PushCommand, Push/RunCommand); the client commands attach register/unregister/status
            Push.PushClientCommands.Attach(Push.PushCommand.Create(), chat),
            // direct path (issue 20): `wisp p2p status`; `wisp contacts direct` hangs off ContactsCommand
            P2pCommand.Create(chat),
        };
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. The parser's own errors (unknown option, missing argument, a value not
    /// among those allowed) exit with <see cref="CliOutput.UsageError"/> like every other usage error, not the parser's 1.
    /// </summary>
    public static async Task<int> InvokeAsync(RootCommand root, string[] args, InvocationConfiguration configuration)
    {
        var parse = root.Parse(args);
        var exitCode = await parse.InvokeAsync(configuration);
        return parse.Action is ParseErrorAction ? CliOutput.UsageError : exitCode;
    }
}
