using System.Diagnostics.CodeAnalysis;
using System.Text;
using Wisp.Cli.Commands.Account;
using Wisp.Client;
using Wisp.Client.Account;

namespace Wisp.Cli.Commands.Chat;

/// <summary>
/// Opens a profile's <see cref="WispClient"/> for the messaging commands: its passphrase from <c>--passphrase-file</c>, the <c>WISP_PASSPHRASE</c>
/// environment variable, or the terminal (up to three tries), and none for a profile saved without one.
/// </summary>
internal static class ProfileUnlock
{
    public static bool TryOpen(
        WispHome home, string profileText, string? passphraseFile, CliEnvironment environment, TextWriter stderr,
        [NotNullWhen(true)] out WispClient? client, [NotNullWhen(false)] out string? error, out bool usage)
    {
        client = null;
        usage = true;
        if (!ProfileName.TryParse(profileText, out var profile, out var nameError))
        {
            error = nameError;
            return false;
        }
        if (!AccountVault.Describe(home, profile).TryGet(out var summary, out var describeError))
        {
            error = describeError.Message + (describeError.Kind == VaultErrorKind.ProfileNotFound
                ? $" Make one with `wisp account new --profile {profile}`."
                : "");
            usage = describeError.Kind == VaultErrorKind.ProfileNotFound;
            return false;
        }
        for (var attempt = 1; ; attempt++)
        {
            Passphrase? passphrase = null;
            var prompted = false;
            if (summary.UsesPassphrase && !TryGetPassphrase(profile, passphraseFile, environment, stderr, out passphrase, out prompted, out error))
            {
                if (prompted && attempt < PassphraseInput.Tries)
                {
                    stderr.WriteLine($"wisp: {error} Try again ({attempt + 1} of {PassphraseInput.Tries}).");
                    continue;
                }
                return false;
            }
            using (passphrase)
            {
                if (WispClient.Open(home, profile, passphrase).TryGet(out client, out var openError))
                {
                    error = null;
                    return true;
                }
                error = openError.Message;
                usage = openError.Kind is VaultErrorKind.WrongPassphrase or VaultErrorKind.PassphraseRequired;
                // Only a person at the prompt gets another try; a file or a variable would give the same answer again.
                if (!prompted || openError.Kind != VaultErrorKind.WrongPassphrase || attempt >= PassphraseInput.Tries)
                    return false;
                stderr.WriteLine($"wisp: {error} Try again ({attempt + 1} of {PassphraseInput.Tries}).");
            }
        }
    }

    internal static bool TryGetPassphrase(
        ProfileName profile, string? file, CliEnvironment environment, TextWriter stderr, out Passphrase? passphrase, out bool prompted,
        [NotNullWhen(false)] out string? error)
    {
        passphrase = null;
        prompted = false;
        error = null;
        if (file is not null)
        {
            try
            {
                if (new FileInfo(file).Length > (Passphrase.MaxLength * 4) + 2)
                {
                    error = $"the passphrase file {file} is larger than a passphrase can be.";
                    return false;
                }
                var line = File.ReadAllText(file, Encoding.UTF8).Split('\n', '\r')[0];
                passphrase = line.Length is > 0 and <= Passphrase.MaxLength ? Passphrase.From(line) : null;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                error = $"cannot read the passphrase file {file}: {exception.Message}";
                return false;
            }
        }
        else if (environment.GetVariable(PassphraseInput.EnvironmentVariable) is { Length: > 0 and <= Passphrase.MaxLength } fromEnvironment)
        {
            passphrase = Passphrase.From(fromEnvironment);
        }
        else if (environment.IsInteractive)
        {
            stderr.Write($"Passphrase for profile '{profile}': ");
            passphrase = environment.ReadSecret();
            stderr.WriteLine();
            prompted = true;
            if (passphrase is null)
            {
                error = $"no passphrase typed (or more than {Passphrase.MaxLength} characters).";
                return false;
            }
        }
        if (passphrase is null)
        {
            error = $"profile '{profile}' is protected by a passphrase: type it at a terminal, or pass --passphrase-file FILE, or set {PassphraseInput.EnvironmentVariable}.";
            return false;
        }
        return true;
    }
}
