using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Chat;
using Wisp.Cli.Output;
using Wisp.Client;
using Wisp.Client.Account;

namespace Wisp.Cli.Commands.Account;

/// <summary>
/// <c>wisp account passphrase</c>: asks for the old passphrase, then the new one twice, and re-wraps the profile's data
/// key under the new one (atomically; a wrong old passphrase changes nothing).
/// </summary>
internal static class AccountPassphraseCommand
{
    public static Command Create(AccountContext context)
    {
        var profile = AccountOptions.Profile();
        var json = AccountOptions.Json();
        var oldFile = new Option<string?>("--passphrase-file")
        {
            Description = "Read the current passphrase from the first line of this file (else WISP_PASSPHRASE, else the terminal asks).",
        };
        var newFile = new Option<string?>("--new-passphrase-file")
        {
            Description = "Read the new passphrase from the first line of this file (for scripts); else the terminal asks for it twice.",
        };
        var command = new Command(
            "passphrase",
            "Change a profile's passphrase (or give one to a profile saved without): asks for the current passphrase, then " +
            "the new one twice. Only the wrapped data key in profile.json changes, atomically; a wrong current passphrase " +
            "changes nothing.")
        {
            profile,
            json,
            oldFile,
            newFile,
        };
        command.SetAction(parse => Run(parse, context, parse.GetValue(profile)!, parse.GetValue(oldFile), parse.GetValue(newFile), parse.GetValue(json)));
        return command;
    }

    private static int Run(ParseResult parse, AccountContext context, string profileText, string? oldFile, string? newFile, bool json)
    {
        var (stdout, stderr) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        if (!ProfileName.TryParse(profileText, out var profile, out var nameError))
            return CliOutput.Error(nameError, stderr);
        var home = context.ResolveHome(parse);
        if (!AccountVault.Describe(home, profile).TryGet(out var summary, out var describeError))
            return CliOutput.Error(describeError.Message, stderr, describeError.Kind == VaultErrorKind.ProfileNotFound ? CliOutput.UsageError : CliOutput.Failure);

        Passphrase? oldPassphrase = null;
        if (summary.UsesPassphrase && !ProfileUnlock.TryGetPassphrase(profile, oldFile, context.Environment, stderr, out oldPassphrase, out _, out var oldError))
            return CliOutput.Error(oldError, stderr);
        using (oldPassphrase)
        {
            if (!TryGetNew(context.Environment, profile, newFile, stderr, out var newPassphrase, out var newError))
                return CliOutput.Error(newError, stderr);
            using (newPassphrase)
            {
                if (!WispClient.ChangePassphrase(home, profile, oldPassphrase, newPassphrase, context.Environment.KdfLimits).TryGet(out _, out var error))
                {
                    var usage = error.Kind is VaultErrorKind.WrongPassphrase or VaultErrorKind.PassphraseRequired;
                    return CliOutput.Error(error.Message, stderr, usage ? CliOutput.UsageError : CliOutput.Failure);
                }
            }
        }
        if (json)
            CliOutput.Json(new JsonObject { ["profile"] = profile.Value, ["passphrase_changed"] = true }, stdout);
        else
            stdout.WriteLine($"The passphrase of profile '{profile}' is changed.");
        return 0;
    }

    private static bool TryGetNew(
        CliEnvironment environment, ProfileName profile, string? file, TextWriter stderr, out Passphrase newPassphrase,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        newPassphrase = null!;
        Passphrase? read;
        if (file is not null)
        {
            if (!PassphraseInput.TryReadFile(file, out read, out error))
                return false;
        }
        else if (environment.IsInteractive)
        {
            stderr.Write($"New passphrase for profile '{profile}': ");
            read = environment.ReadSecret();
            stderr.WriteLine();
            if (read is null)
            {
                error = $"no new passphrase typed (or more than {Passphrase.MaxLength} characters); nothing was changed.";
                return false;
            }
            stderr.Write("The same passphrase again: ");
            using var again = environment.ReadSecret();
            stderr.WriteLine();
            if (again is null || !read.Matches(again))
            {
                read.Dispose();
                error = "the two new passphrases differ; nothing was changed.";
                return false;
            }
            if (PassphraseStrength.Check(read) is { } weakness)
            {
                read.Dispose();
                error = $"{weakness} Nothing was changed.";
                return false;
            }
        }
        else
        {
            error = "there is no terminal to ask for the new passphrase: pass --new-passphrase-file FILE.";
            return false;
        }
        newPassphrase = read!;
        error = null;
        return true;
    }
}
