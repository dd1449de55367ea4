using System.Text.Json.Nodes;
using Wisp.Cli.Output;
using Wisp.Client.Account;
using Wisp.Crypto.Mnemonic;

namespace Wisp.Cli.Commands.Account;

/// <summary>How the account commands print an account, so that every command shows the same fields under the same names.</summary>
internal static class AccountPrinting
{
    public static JsonObject AccountJson(OpenAccount account) => SummaryJson(
        new ProfileSummary(account.Profile, account.Directory, account.AccountId, account.Keys.PublicKey, account.UsesPassphrase));

    public static JsonObject SummaryJson(ProfileSummary summary) => new()
    {
        ["profile"] = summary.Profile.Value,
        ["account_id"] = summary.AccountId.Hex,
        ["ed25519_public_key"] = summary.Ed25519PublicKey.ToHex(),
        ["passphrase"] = summary.UsesPassphrase,
        ["directory"] = summary.Directory,
    };

    public static void AccountFields(OpenAccount account, TextWriter stdout) => SummaryFields(
        new ProfileSummary(account.Profile, account.Directory, account.AccountId, account.Keys.PublicKey, account.UsesPassphrase), stdout);

    public static void SummaryFields(ProfileSummary summary, TextWriter stdout, params (string Label, string Value)[] extra) => CliOutput.Fields(
    [
        ("Profile", summary.Profile.Value),
        ("Account ID", summary.AccountId.Hex),
        ("Ed25519 public key", summary.Ed25519PublicKey.ToHex()),
        ("Passphrase", summary.UsesPassphrase ? "yes" : "no (not protected at rest)"),
        ("Directory", summary.Directory),
        .. extra,
    ], stdout);

    public static string PhraseKindJson(RecoveryPhraseKind kind) => kind == RecoveryPhraseKind.Bip39 ? "wisp-24" : "session-13";

    public static string PhraseKindText(RecoveryPhraseKind kind) => kind == RecoveryPhraseKind.Bip39
        ? "Wisp 24-word phrase (256-bit seed)"
        : "Session 13-word phrase (128-bit seed, zero-padded)";

    public static void WarnNoPassphrase(ProfileName profile, TextWriter stderr) => stderr.WriteLine(
        $"wisp: warning: profile '{profile}' has no passphrase, so its files are not protected at rest: anyone who can read them has the account.");
}
