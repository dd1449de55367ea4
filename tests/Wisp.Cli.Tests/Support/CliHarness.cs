using System.CommandLine;
using Wisp.Cli.Commands;
using Wisp.Client.Account;
using Wisp.Crypto.Kdf;

namespace Wisp.Cli.Tests.Support;

/// <summary>
/// Runs <c>wisp</c> commands in-process the way Program.cs does, over a temporary home and a stand-in for the person
/// at the terminal: scripted lines and secrets, chosen environment variables, and fast Argon2id.
/// </summary>
internal sealed class CliHarness : IDisposable
{
    public CliHarness()
    {
        Root = Directory.CreateTempSubdirectory("wisp-cli-test-").FullName;
        HomePath = Path.Combine(Root, "home");
        Variables[WispHome.EnvironmentVariable] = HomePath;
    }

    public string Root { get; }

    public string HomePath { get; }

    public WispHome Home => WispHome.At(HomePath);

    /// <summary>Environment variables the command sees (WISP_HOME points at the temporary home).</summary>
    public Dictionary<string, string> Variables { get; } = [];

    public bool Interactive { get; set; }

    /// <summary>Lines typed on standard input, in order.</summary>
    public Queue<string> Lines { get; } = new();

    /// <summary>Passphrases typed at the no-echo prompt, in order ("" types nothing).</summary>
    public Queue<string> Secrets { get; } = new();

    /// <summary>When set, answers each line read instead of <see cref="Lines"/>, seeing what was printed so far.</summary>
    public Func<string, string, string?>? Answer { get; set; }

    public (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var environment = new CliEnvironment
        {
            GetVariable = name => Variables.GetValueOrDefault(name),
            IsInteractive = Interactive,
            ReadLine = () => Answer is { } answer ? answer(stdout.ToString(), stderr.ToString()) : Lines.TryDequeue(out var line) ? line : null,
            ReadSecret = () => Secrets.TryDequeue(out var secret) && secret.Length > 0 ? Passphrase.From(secret) : null,
            KdfLimits = PasswordKdfLimits.Fast,
        };
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
        var code = WispCommand.InvokeAsync(WispCommand.Create(environment), args, configuration).GetAwaiter().GetResult();
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
