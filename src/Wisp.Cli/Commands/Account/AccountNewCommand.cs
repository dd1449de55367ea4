using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Wisp.Cli.Output;
using Wisp.Client.Account;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Mnemonic;

namespace Wisp.Cli.Commands.Account;

/// <summary>
/// <c>wisp account new</c>: makes an account, shows its 24-word recovery phrase once and, at a terminal, asks for
/// three of its words back before saving it.
/// </summary>
internal static class AccountNewCommand
{
    /// <summary>How many words the user types back to show they wrote the phrase down.</summary>
    private const int WordsToConfirm = 3;

    /// <summary>Tries a user gets for each word before nothing is saved.</summary>
    private const int TriesPerWord = 3;

    public static Command Create(AccountContext context)
    {
        var profile = AccountOptions.Profile();
        var json = AccountOptions.Json();
        var skipConfirm = new Option<bool>("--skip-confirm", "--yes")
        {
            Description = "Do not ask for words of the recovery phrase back before saving. Without a terminal this (or --json) is " +
                          "required: you must then save the phrase from the output yourself.",
        };
        var passphrase = new PassphraseInput();
        var command = new Command(
            "new",
            "Make a new account in a profile: shows its 24-word recovery phrase once (write it down: it is the only way back " +
            "into the account), asks for three of its words back, then saves the account encrypted under a passphrase.")
        {
            profile,
            json,
            skipConfirm,
        };
        passphrase.AddTo(command);
        command.SetAction(parse => Run(
            parse, context, passphrase, parse.GetValue(profile)!, parse.GetValue(json), parse.GetValue(skipConfirm),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(
        ParseResult parse, AccountContext context, PassphraseInput passphraseInput, string profileText, bool json, bool skipConfirm,
        TextWriter stdout, TextWriter stderr)
    {
        var environment = context.Environment;
        if (!ProfileName.TryParse(profileText, out var profile, out var nameError))
            return CliOutput.Error(nameError, stderr);
        var home = context.ResolveHome(parse);
        if (AccountVault.Describe(home, profile).Error?.Kind != VaultErrorKind.ProfileNotFound)
            return CliOutput.Error($"profile '{profile}' already exists in {home.ProfilesDirectory}; choose another name with --profile.", stderr);

        var confirm = environment.IsInteractive && !skipConfirm && !json;
        if (!environment.IsInteractive && !skipConfirm && !json)
        {
            return CliOutput.Error(
                "there is no terminal to confirm the recovery phrase on: pass --skip-confirm (and save the phrase printed below " +
                "yourself) or --json.", stderr);
        }
        if (!passphraseInput.TryResolveForNewProfile(parse, environment, profile, stderr, out var passphrase, out var passphraseError))
            return CliOutput.Error(passphraseError, stderr);

        using (passphrase)
        using (var keys = Ed25519KeyPair.Generate())
        {
            var phrase = RecoveryPhrase.Create(keys.Seed);
            if (!json)
                PrintPhrase(phrase, stdout);
            if (confirm && !ConfirmWords(phrase, environment, stderr))
                return CliOutput.Error("those words do not match the recovery phrase; nothing was saved. Run `wisp account new` again.", stderr);

            var saved = AccountVault.Save(home, profile, keys, passphrase, environment.KdfLimits);
            if (!saved.TryGet(out var account, out var error))
                return CliOutput.Error(error.Message, stderr, error.Kind == VaultErrorKind.ProfileExists ? CliOutput.UsageError : CliOutput.Failure);
            using (account)
            {
                if (passphrase is null)
                    AccountPrinting.WarnNoPassphrase(profile, stderr);
                if (json)
                {
                    var document = AccountPrinting.AccountJson(account);
                    document["recovery_phrase"] = phrase;
                    CliOutput.Json(document, stdout);
                }
                else
                {
                    stdout.WriteLine();
                    stdout.WriteLine($"Saved profile '{profile}'.");
                    AccountPrinting.AccountFields(account, stdout);
                }
            }
        }
        return 0;
    }

    private static void PrintPhrase(string phrase, TextWriter stdout)
    {
        var words = phrase.Split(' ');
        stdout.WriteLine("Your recovery phrase. Write it down and keep it secret: anyone who has it has your account,");
        stdout.WriteLine("and it is the only way back into the account. Wisp will not show it again.");
        stdout.WriteLine();
        const int columns = 4;
        var rows = words.Length / columns;
        for (var row = 0; row < rows; row++)
        {
            var line = string.Concat(Enumerable.Range(0, columns).Select(column =>
            {
                var index = (column * rows) + row;
                return $"{index + 1,4}. {words[index],-10}";
            }));
            stdout.WriteLine(line.TrimEnd());
        }
        stdout.WriteLine();
        stdout.WriteLine($"  {phrase}");
        stdout.WriteLine();
    }

    private static bool ConfirmWords(string phrase, CliEnvironment environment, TextWriter stderr)
    {
        var words = phrase.Split(' ');
        var positions = new SortedSet<int>();
        while (positions.Count < WordsToConfirm)
            positions.Add(RandomNumberGenerator.GetInt32(words.Length));

        stderr.WriteLine($"To check that you wrote it down, type these {WordsToConfirm} words of the phrase.");
        foreach (var position in positions)
        {
            var matched = false;
            for (var attempt = 0; attempt < TriesPerWord && !matched; attempt++)
            {
                stderr.Write($"Word #{position + 1}: ");
                var answer = environment.ReadLine();
                if (answer is null)
                    return false;
                matched = string.Equals(answer.Trim(), words[position], StringComparison.OrdinalIgnoreCase);
                if (!matched && attempt + 1 < TriesPerWord)
                    stderr.WriteLine($"That is not word #{position + 1}; try again.");
            }
            if (!matched)
                return false;
        }
        return true;
    }
}
