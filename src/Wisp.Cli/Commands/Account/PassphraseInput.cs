using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;
using Wisp.Client.Account;

namespace Wisp.Cli.Commands.Account;

/// <summary>
/// Where a command gets a passphrase: <c>--no-passphrase</c>, <c>--passphrase-file FILE</c>, the
/// <c>WISP_PASSPHRASE</c> environment variable, or the terminal (typed twice, without echo), in that order. A new
/// passphrase that <see cref="PassphraseStrength"/> finds weak is refused with its reason, wherever it comes from.
/// </summary>
internal sealed class PassphraseInput
{
    /// <summary>The environment variable a passphrase may come from.</summary>
    public const string EnvironmentVariable = "WISP_PASSPHRASE";

    /// <summary>Tries a person gets at a passphrase prompt (3) before the command gives up: room for typos, not for guessing.</summary>
    public const int Tries = 3;

    public Option<bool> NoPassphrase { get; } = new("--no-passphrase")
    {
        Description = "Save the profile without a passphrase (for scripts and tests). Its files are then NOT protected at rest: " +
                      "anyone who can read them has the account.",
    };

    public Option<string?> File { get; } = new("--passphrase-file")
    {
        Description = $"Read the passphrase from the first line of this file (for scripts). Without it, the passphrase comes from " +
                      $"the {EnvironmentVariable} environment variable (which other processes of the same user can see) or is " +
                      "asked for at the terminal.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(NoPassphrase);
        command.Options.Add(File);
    }

    /// <summary>
    /// The passphrase for a new profile: true with <paramref name="passphrase"/> null for <c>--no-passphrase</c>; false
    /// with <paramref name="error"/> when none can be had.
    /// </summary>
    public bool TryResolveForNewProfile(
        ParseResult parse, CliEnvironment environment, ProfileName profile, TextWriter stderr, out Passphrase? passphrase,
        [NotNullWhen(false)] out string? error)
    {
        passphrase = null;
        error = null;
        var file = parse.GetValue(File);
        if (parse.GetValue(NoPassphrase))
        {
            if (file is not null)
            {
                error = "--no-passphrase and --passphrase-file contradict each other; choose one.";
                return false;
            }
            return true;
        }
        if (file is not null)
            return TryReadFile(file, out passphrase, out error);
        if (environment.GetVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
            return TryCreate(fromEnvironment, $"{EnvironmentVariable}", out passphrase, out error);
        if (!environment.IsInteractive)
        {
            error = $"profile '{profile}' needs a passphrase and there is no terminal to ask for one: pass --passphrase-file FILE, " +
                    $"set {EnvironmentVariable}, or pass --no-passphrase (no protection at rest).";
            return false;
        }
        return TryAsk(environment, profile, stderr, out passphrase, out error);
    }

    private static bool TryAsk(CliEnvironment environment, ProfileName profile, TextWriter stderr, out Passphrase? passphrase, [NotNullWhen(false)] out string? error)
    {
        passphrase = null;
        error = null;
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            if (attempt > 1)
                stderr.WriteLine($"wisp: {error} Try again ({attempt} of {Tries}).");
            stderr.Write($"New passphrase for profile '{profile}': ");
            var first = environment.ReadSecret();
            stderr.WriteLine();
            if (first is null)
            {
                error = $"no passphrase typed (or more than {Passphrase.MaxLength} characters).";
                continue;
            }
            stderr.Write("The same passphrase again: ");
            using var second = environment.ReadSecret();
            stderr.WriteLine();
            if (second is null || !first.Matches(second))
            {
                first.Dispose();
                error = "the two passphrases differ.";
                continue;
            }
            if (PassphraseStrength.Check(first) is { } weakness)
            {
                first.Dispose();
                error = weakness;
                continue;
            }
            passphrase = first;
            error = null;
            return true;
        }
        error += $" Nothing was saved after {Tries} tries. To save a profile without a passphrase, pass --no-passphrase.";
        return false;
    }

    internal static bool TryReadFile(string path, out Passphrase? passphrase, [NotNullWhen(false)] out string? error)
    {
        passphrase = null;
        byte[] bytes;
        try
        {
            // Four UTF-8 bytes per character at most, a line break, and no more: a passphrase file is never large.
            var limit = (Passphrase.MaxLength * 4) + 2;
            if (new FileInfo(path).Length > limit)
            {
                error = $"the passphrase file {path} is larger than a passphrase can be ({limit} bytes).";
                return false;
            }
            bytes = System.IO.File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read the passphrase file {path}: {exception.Message}";
            return false;
        }
        var chars = new char[Encoding.UTF8.GetCharCount(bytes)];
        try
        {
            Encoding.UTF8.GetChars(bytes, chars);
            var line = chars.AsSpan();
            var end = line.IndexOfAny('\n', '\r');
            if (end >= 0)
                line = line[..end];
            return TryCreate(line, $"the first line of {path}", out passphrase, out error);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(chars.AsSpan()));
        }
    }

    private static bool TryCreate(ReadOnlySpan<char> text, string source, out Passphrase? passphrase, [NotNullWhen(false)] out string? error)
    {
        passphrase = null;
        if (text.IsEmpty)
        {
            error = $"{source} holds no passphrase (it is empty). To save a profile without one, pass --no-passphrase.";
            return false;
        }
        if (text.Length > Passphrase.MaxLength)
        {
            error = $"the passphrase in {source} is {text.Length} characters; at most {Passphrase.MaxLength} are allowed.";
            return false;
        }
        if (PassphraseStrength.Check(text) is { } weakness)
        {
            error = $"{weakness} (from {source}). To save a profile without a passphrase, pass --no-passphrase.";
            return false;
        }
        passphrase = Passphrase.From(text);
        error = null;
        return true;
    }
}
