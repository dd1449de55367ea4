using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Output;

namespace Wisp.Cli.Commands.Account;

/// <summary><c>wisp account list</c>: the profiles on this machine.</summary>
internal static class AccountListCommand
{
    public static Command Create(AccountContext context)
    {
        var json = AccountOptions.Json();
        var command = new Command("list", "List the profiles (accounts) in the Wisp home directory, with their Account IDs. Needs no passphrase.")
        {
            json,
        };
        command.SetAction(parse => Run(parse, context, parse.GetValue(json), parse.InvocationConfiguration.Output));
        return command;
    }

    private static int Run(ParseResult parse, AccountContext context, bool json, TextWriter stdout)
    {
        var home = context.ResolveHome(parse);
        var profiles = Client.Account.AccountVault.List(home);
        if (json)
        {
            var array = new JsonArray();
            foreach (var entry in profiles)
            {
                array.Add(entry.TryGet(out var summary, out var error)
                    ? AccountPrinting.SummaryJson(summary)
                    : new JsonObject { ["profile"] = error.Profile, ["error"] = error.Message });
            }
            CliOutput.Json(new JsonObject { ["home"] = home.Path, ["profiles"] = array }, stdout);
            return 0;
        }
        if (profiles.Count == 0)
        {
            stdout.WriteLine($"No profiles in {home.Path}. Make one with `wisp account new`.");
            return 0;
        }
        var width = Math.Max("PROFILE".Length, profiles.Max(p => (p.Value?.Profile.Value ?? p.Error!.Profile).Length));
        stdout.WriteLine($"{"PROFILE".PadRight(width)}  {"ACCOUNT ID",-66}  PASSPHRASE");
        foreach (var entry in profiles)
        {
            if (entry.TryGet(out var summary, out var error))
                stdout.WriteLine($"{summary.Profile.Value.PadRight(width)}  {summary.AccountId.Hex}  {(summary.UsesPassphrase ? "yes" : "no")}");
            else
                stdout.WriteLine($"{error.Profile.PadRight(width)}  ({error.Message})");
        }
        return 0;
    }
}
