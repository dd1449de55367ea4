using System.CommandLine;
using Wisp.Client.Account;

namespace Wisp.Cli.Commands.Account;

/// <summary>The options the account commands share, and how they read the profile and home from them.</summary>
/// <param name="Environment">The process edges (environment variables, terminal).</param>
/// <param name="Home">The global <c>--home</c> option, defined on the root command.</param>
internal sealed record AccountContext(CliEnvironment Environment, Option<string?> Home)
{
    public WispHome ResolveHome(ParseResult parse) => WispHome.Resolve(parse.GetValue(Home), Environment.GetVariable);
}

/// <summary>Factories for the options every account command names the same way.</summary>
internal static class AccountOptions
{
    public static Option<string> Profile() => new("--profile")
    {
        Description = $"The account to use, by profile name (a-z, 0-9, '_' and '-', at most {ProfileName.MaxLength}).",
        DefaultValueFactory = _ => ProfileName.Default.Value,
    };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of text." };
}
