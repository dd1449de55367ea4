using System.CommandLine;
using Wisp.Client.Account;

namespace Wisp.Cli.Commands.Chat;

/// <summary>What the messaging commands (send, inbox, chat, requests, contacts) share: the environment and the root <c>--home</c>.</summary>
/// <param name="Environment">The process edges (environment variables, terminal).</param>
/// <param name="Home">The global <c>--home</c> option.</param>
internal sealed record ChatContext(CliEnvironment Environment, Option<string?> Home)
{
    public WispHome ResolveHome(ParseResult parse) => WispHome.Resolve(parse.GetValue(Home), Environment.GetVariable);
}

/// <summary>The options every messaging command names the same way (one instance per command, as System.CommandLine wants).</summary>
internal sealed class ChatOptions
{
    public Option<string> Profile { get; } = new("--profile")
    {
        Description = $"The account to use, by profile name (default: {ProfileName.Default}).",
        DefaultValueFactory = _ => ProfileName.Default.Value,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print JSON instead of text." };

    public Option<string?> PassphraseFile { get; } = new("--passphrase-file")
    {
        Description = "Read the profile's passphrase from the first line of this file (else WISP_PASSPHRASE, else the terminal asks).",
    };

    public Option<string?> Network { get; } = Net.NetworkContext.NetworkOption();

    /// <summary>Adds the options; <paramref name="withNetwork"/> for commands that reach the network.</summary>
    public void AddTo(Command command, bool withNetwork)
    {
        command.Options.Add(Profile);
        command.Options.Add(Json);
        command.Options.Add(PassphraseFile);
        if (withNetwork)
            command.Options.Add(Network);
    }
}
