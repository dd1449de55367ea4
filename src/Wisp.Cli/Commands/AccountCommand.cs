using System.CommandLine;
using System.Text.Json.Nodes;
using Wisp.Cli.Commands.Account;
using Wisp.Cli.Output;
using Wisp.Crypto.Mnemonic;

namespace Wisp.Cli.Commands;

/// <summary><c>wisp account …</c>: accounts and recovery phrases. Each subcommand lives in its own file under Account/.</summary>
internal static class AccountCommand
{
    public static Command Create(AccountContext context, Chat.ChatContext chat) => new(
        "account",
        "Accounts and recovery phrases. Each account is a profile in the Wisp home directory (--home, or WISP_HOME, or " +
        "$XDG_DATA_HOME/wisp, or ~/.local/share/wisp), its secrets encrypted under a passphrase.")
    {
        AccountNewCommand.Create(context),
        AccountRestoreCommand.Create(context),
        AccountShowCommand.Create(context),
        AccountListCommand.Create(context),
        AccountPassphraseCommand.Create(context),
        AccountDeleteCommand.Create(context),
        AccountNameCommands.CreateSetName(chat),
        AccountNameCommands.CreateShowName(chat),
        // fclient
        AccountPictureCommand.Create(chat),
        AccountKeysCommand.Create(chat),
        CreateInspect(),
    };

    private static Command CreateInspect()
    {
        var phrase = new Option<string?>("--phrase")
        {
            Description = "The recovery phrase: 24 words (Wisp) or 13 words (Session). Omit it, or pass '-', to read the " +
                          "phrase from standard input so that it stays out of your shell history.",
        };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command(
            "inspect",
            "Show the Account ID and Ed25519 public key of a recovery phrase. Stores nothing and contacts no one.")
        {
            phrase,
            json,
        };
        command.SetAction(parseResult => Inspect(
            parseResult.GetValue(phrase), parseResult.GetValue(json), Console.In, parseResult.InvocationConfiguration.Output,
            parseResult.InvocationConfiguration.Error));
        return command;
    }

    internal static int Inspect(string? phraseOption, bool json, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        var phrase = phraseOption is null or "-" ? ReadPhrase(stdin, stderr) : phraseOption;
        if (string.IsNullOrWhiteSpace(phrase))
            return CliOutput.Error("no recovery phrase given: pass --phrase \"<words>\" or type it on standard input.", stderr);

        if (!RecoveryPhrase.TryParse(phrase, out var seed, out var error))
            return CliOutput.Error($"that recovery phrase is not valid: {error.Message}", stderr);

        using (seed)
        using (var keys = seed.ToKeyPair())
        {
            var kind = seed.Kind == RecoveryPhraseKind.Bip39 ? "wisp-24" : "session-13";
            if (json)
            {
                CliOutput.Json(new JsonObject
                {
                    ["account_id"] = keys.AccountId.Hex,
                    ["ed25519_public_key"] = keys.PublicKey.ToHex(),
                    ["x25519_public_key"] = keys.X25519PublicKey.ToHex(),
                    ["phrase_kind"] = kind,
                }, stdout);
            }
            else
            {
                CliOutput.Fields(
                [
                    ("Account ID", keys.AccountId.Hex),
                    ("Ed25519 public key", keys.PublicKey.ToHex()),
                    ("Phrase", seed.Kind == RecoveryPhraseKind.Bip39
                        ? "Wisp 24-word phrase (256-bit seed)"
                        : "Session 13-word phrase (128-bit seed, zero-padded)"),
                ], stdout);
            }
        }
        return 0;
    }

    private static string? ReadPhrase(TextReader stdin, TextWriter stderr)
    {
        if (!Console.IsInputRedirected)
            stderr.Write("Recovery phrase: ");
        return stdin.ReadLine();
    }
}
