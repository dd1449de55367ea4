using System.CommandLine;
using Wisp.Cli.Output;
using Wisp.Client.Account;
using Wisp.Crypto.Mnemonic;

namespace Wisp.Cli.Commands.Account;

/// <summary><c>wisp account restore</c>: saves an account from its recovery phrase (24 Wisp words or 13 Session words).</summary>
internal static class AccountRestoreCommand
{
    public static Command Create(AccountContext context)
    {
        var profile = AccountOptions.Profile();
        var json = AccountOptions.Json();
        var phrase = new Option<string?>("--phrase")
        {
            Description = "The recovery phrase: 24 words (Wisp) or 13 words (Session). Omit it, or pass '-', to read the phrase " +
                          "from standard input so that it stays out of your shell history.",
        };
        var passphrase = new PassphraseInput();
        var command = new Command(
            "restore",
            "Restore an account from its recovery phrase into a new profile, saved encrypted under a passphrase. Accepts Wisp's " +
            "24-word phrases and Session's 13-word ones, and says which it was.")
        {
            profile,
            phrase,
            json,
        };
        passphrase.AddTo(command);
        command.SetAction(parse => Run(
            parse, context, passphrase, parse.GetValue(profile)!, parse.GetValue(phrase), parse.GetValue(json),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(
        ParseResult parse, AccountContext context, PassphraseInput passphraseInput, string profileText, string? phraseOption, bool json,
        TextWriter stdout, TextWriter stderr)
    {
        var environment = context.Environment;
        if (!ProfileName.TryParse(profileText, out var profile, out var nameError))
            return CliOutput.Error(nameError, stderr);
        var home = context.ResolveHome(parse);
        if (AccountVault.Describe(home, profile).Error?.Kind != VaultErrorKind.ProfileNotFound)
            return CliOutput.Error($"profile '{profile}' already exists in {home.ProfilesDirectory}; choose another name with --profile.", stderr);

        string? phrase = phraseOption;
        if (phraseOption is null or "-")
        {
            if (environment.IsInteractive)
                stderr.Write("Recovery phrase: ");
            phrase = environment.ReadLine();
        }
        if (string.IsNullOrWhiteSpace(phrase))
            return CliOutput.Error("no recovery phrase given: pass --phrase \"<words>\" or type it on standard input.", stderr);
        // Check the phrase before asking for a passphrase, so a typo is reported before the user types one twice.
        if (!RecoveryPhrase.TryParse(phrase, out var check, out var phraseError))
            return CliOutput.Error($"that recovery phrase is not valid: {phraseError.Message}", stderr);
        check.Dispose();

        if (!passphraseInput.TryResolveForNewProfile(parse, environment, profile, stderr, out var passphrase, out var passphraseError))
            return CliOutput.Error(passphraseError, stderr);
        using (passphrase)
        {
            var restored = AccountVault.Restore(home, profile, phrase, passphrase, environment.KdfLimits);
            if (!restored.TryGet(out var result, out var error))
                return CliOutput.Error(error.Message, stderr, error.Kind is VaultErrorKind.ProfileExists or VaultErrorKind.InvalidRecoveryPhrase
                    ? CliOutput.UsageError
                    : CliOutput.Failure);
            using var account = result.Account;
            if (passphrase is null)
                AccountPrinting.WarnNoPassphrase(profile, stderr);
            if (json)
            {
                var document = AccountPrinting.AccountJson(account);
                document["phrase_kind"] = AccountPrinting.PhraseKindJson(result.Kind);
                CliOutput.Json(document, stdout);
            }
            else
            {
                stdout.WriteLine($"Restored profile '{profile}' from a {AccountPrinting.PhraseKindText(result.Kind)}.");
                AccountPrinting.AccountFields(account, stdout);
            }
        }
        return 0;
    }
}
