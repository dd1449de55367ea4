using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Output;
using Wisp.Client;
using Wisp.Client.Account;

namespace Wisp.Cli.Commands.Account;

/// <summary><c>wisp account delete --profile NAME</c>: removes a profile's directory after the name is typed back (or <c>--yes</c>).</summary>
internal static class AccountDeleteCommand
{
    public static Command Create(AccountContext context)
    {
        var profile = new Option<string>("--profile")
        {
            Description = "The profile to delete (required: there is no default for this).",
            Required = true,
        };
        var json = AccountOptions.Json();
        var yes = new Option<bool>("--yes") { Description = "Do not ask to type the profile's name to confirm (for scripts)." };
        var command = new Command(
            "delete",
            "Delete a profile: its account, contacts and messages on this machine, for good (the recovery phrase is the only " +
            "way back to the account). Asks you to type the profile's name to confirm. Refused while another wisp process " +
            "(a chat or a daemon) has the profile open.")
        {
            profile,
            json,
            yes,
        };
        command.SetAction(parse => Run(parse, context, parse.GetValue(profile)!, parse.GetValue(yes), parse.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult parse, AccountContext context, string profileText, bool yes, bool json)
    {
        var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        if (!ProfileName.TryParse(profileText, out var profile, out var nameError))
            return CliOutput.Error(nameError, stderr);
        var home = context.ResolveHome(parse);
        if (!Directory.Exists(home.ProfileDirectory(profile)))
            return CliOutput.Error($"there is no profile '{profile}' in {home.ProfilesDirectory}; `wisp account list` lists them.", stderr);
        if (!yes)
        {
            if (!context.Environment.IsInteractive)
                return CliOutput.Error($"deleting profile '{profile}' needs confirmation and there is no terminal: pass --yes.", stderr);
            var description = AccountVault.Describe(home, profile).TryGet(out var summary, out _) ? $" (Account ID {summary.AccountId.Hex})" : "";
            stderr.WriteLine($"This deletes profile '{profile}'{description} and every message in it, for good.");
            stderr.Write($"Type the profile's name ({profile}) to confirm: ");
            if (context.Environment.ReadLine()?.Trim() != profile.Value)
                return CliOutput.Error("that is not the profile's name; nothing was deleted.", stderr, CliOutput.Failure);
        }
        if (!WispClient.DeleteProfile(home, profile).TryGet(out _, out var error))
            return CliOutput.Error(error.Message, stderr, error.Kind == VaultErrorKind.ProfileNotFound ? CliOutput.UsageError : CliOutput.Failure);
        if (json)
            CliOutput.Json(new JsonObject { ["profile"] = profile.Value, ["deleted"] = true }, stdout);
        else
            stdout.WriteLine($"Profile '{profile}' is deleted.");
        return 0;
    }
}
