using Wisp.Client.Account;
using Wisp.Crypto.Kdf;

namespace Wisp.Cli.Commands;

/// <summary>
/// What commands take from the process beyond their arguments: environment variables, whether a person is at a
/// terminal, and how to read a line or a secret from them. Passed in, so that tests stand in for the person without
/// touching the real process.
/// </summary>
internal sealed class CliEnvironment
{
    /// <summary>Looks up an environment variable (null when unset).</summary>
    public required Func<string, string?> GetVariable { get; init; }

    /// <summary>True when standard input is a terminal a person types into (so prompts can be answered).</summary>
    public required bool IsInteractive { get; init; }

    /// <summary>Reads one line of standard input (null at end of input). The command has written any prompt.</summary>
    public required Func<string?> ReadLine { get; init; }

    /// <summary>Reads one line from the terminal without echoing it; null when nothing (or too much) was typed.</summary>
    public required Func<Passphrase?> ReadSecret { get; init; }

    /// <summary>Argon2id work for new passphrases. Always <see cref="PasswordKdfLimits.Moderate"/> except in tests.</summary>
    public PasswordKdfLimits KdfLimits { get; init; } = PasswordKdfLimits.Moderate;

    /// <summary>The real process: its environment, its console.</summary>
    public static CliEnvironment FromProcess() => new()
    {
        GetVariable = Environment.GetEnvironmentVariable,
        IsInteractive = !Console.IsInputRedirected,
        ReadLine = Console.In.ReadLine,
        ReadSecret = ConsoleSecret.Read,
    };
}
