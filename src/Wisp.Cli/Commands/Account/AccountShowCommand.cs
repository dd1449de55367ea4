using System.CommandLine;
using Wisp.Cli.Output;
using Wisp.Client.Account;

namespace Wisp.Cli.Commands.Account;

/// <summary><c>wisp account show</c>: a profile's Account ID and public key, with the Account ID as a QR code.</summary>
internal static class AccountShowCommand
{
    public static Command Create(AccountContext context)
    {
        var profile = AccountOptions.Profile();
        var json = AccountOptions.Json();
        var qr = new Option<bool>("--qr")
        {
            Description = "Draw the Account ID as a QR code (the default for text output; drawn for a terminal with a dark background).",
        };
        var noQr = new Option<bool>("--no-qr") { Description = "Do not draw the QR code." };
        var command = new Command(
            "show",
            "Show a profile's Account ID (what others need to message you) and Ed25519 public key, and the Account ID as a QR " +
            "code. Needs no passphrase: these are public.")
        {
            profile,
            json,
            qr,
            noQr,
        };
        command.SetAction(parse => Run(
            parse, context, parse.GetValue(profile)!, parse.GetValue(json), parse.GetValue(qr), parse.GetValue(noQr),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(
        ParseResult parse, AccountContext context, string profileText, bool json, bool qr, bool noQr, TextWriter stdout, TextWriter stderr)
    {
        if (!ProfileName.TryParse(profileText, out var profile, out var nameError))
            return CliOutput.Error(nameError, stderr);
        if (qr && noQr)
            return CliOutput.Error("--qr and --no-qr contradict each other; choose one.", stderr);
        if (qr && json)
            return CliOutput.Error("--qr draws text, which --json cannot hold; leave one out.", stderr);
        var home = context.ResolveHome(parse);
        if (!AccountVault.Describe(home, profile).TryGet(out var summary, out var error))
        {
            var hint = error.Kind == VaultErrorKind.ProfileNotFound ? " Make one with `wisp account new`, or list them with `wisp account list`." : "";
            return CliOutput.Error(error.Message + hint, stderr, error.Kind == VaultErrorKind.ProfileNotFound ? CliOutput.UsageError : CliOutput.Failure);
        }
        if (json)
        {
            CliOutput.Json(AccountPrinting.SummaryJson(summary), stdout);
            return 0;
        }
        AccountPrinting.SummaryFields(summary, stdout);
        if (!noQr)
        {
            stdout.WriteLine();
            stdout.Write(TerminalQrCode.Render(summary.AccountId.Hex));
        }
        return 0;
    }
}
