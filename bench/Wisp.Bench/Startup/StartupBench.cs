using System.Globalization;
using System.Text.Json;
using Wisp.Bench.Storage;

namespace Wisp.Bench.Startup;

/// <summary>
/// How long <c>./wisp</c> (the launcher) takes before it does anything useful: for <c>--version</c> the whole run,
/// for <c>send</c> and <c>inbox --fetch</c> the time from process start to the start of network work, which wisp
/// reports with <c>WISP_TRACE_STARTUP=1</c> (everything before it: the launcher's freshness check, the .NET runtime,
/// parsing, opening the profile, the network's registry and swarm map, the local database). Target: under 500 ms.
/// Beside them, the limits measured in the same run: starting <c>true</c> (a process) and an empty .NET program (the
/// runtime). The commands run against a real local network (<c>./wisp up</c>), with profiles saved without a
/// passphrase; one row shows what a passphrase adds (Argon2id, deliberately slow), two what ReadyToRun saves.
/// </summary>
/// <remarks>Options: <c>--runs N</c> (20 of each, interleaved), <c>--nodes N</c> (5: the smallest network <c>wisp up</c> runs).</remarks>
public static class StartupBench
{
    private const double TargetMs = 500;

    public static int Run(string[] args) => RunAsync(Option(args, "--runs", 20), Option(args, "--nodes", 5)).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(int runs, int nodes)
    {
        Console.WriteLine($"Start-up of ./wisp: {runs} runs of each command, interleaved; a {nodes}-node local network for send and inbox");
        MachineInfo.Print();
        MachineInfo.PrintLoad("before");
        var folder = Path.Combine(Path.GetTempPath(), $"wisp-bench-startup-{Guid.NewGuid():N}");
        var home = Path.Combine(folder, "home");
        var network = Path.Combine(folder, "network");
        var environment = new Dictionary<string, string> { ["WISP_HOME"] = home };
        try
        {
            // The launcher builds on its first run or after a source change; that run is not measured.
            var build = await TimedProcess.RunAsync(Launcher.Script, ["--version"], environment);
            Require(build.ExitCode == 0, $"./wisp --version exits 0 (it printed: {build.Stderr})");
            Console.WriteLine($"  ./wisp is built ({build.TotalMs / 1000:0.0} s for the first run, which builds when sources changed)");

            await using var up = HelperProcess.Start(Launcher.Script, ["up", "--nodes", nodes.ToString(CultureInfo.InvariantCulture), "--network", network, "--json", "--log-level", "Warning"]);
            await up.ReadFirstLineAsync(TimeSpan.FromSeconds(240));
            up.DrainStandardOutput();
            var bob = await NewProfileAsync("bob", environment, passphrase: null);
            await NewProfileAsync("alice", environment, passphrase: null);
            await NewProfileAsync("carol", environment, passphrase: "a passphrase for the bench");

            string[] send = ["send", bob, "hello from the start-up bench", "--profile", "alice", "--network", network];
            string[] inbox = ["inbox", "--fetch", "--profile", "bob", "--network", network, "--json"];
            string[] lockedInbox = ["inbox", "--fetch", "--profile", "carol", "--network", network];
            var traced = new Dictionary<string, string>(environment) { ["WISP_TRACE_STARTUP"] = "1" };
            var withPassphrase = new Dictionary<string, string>(traced) { ["WISP_PASSPHRASE"] = "a passphrase for the bench" };

            // Correctness first: the message is sent and arrives; each command reports the start of its network work.
            var sent = await TimedProcess.RunAsync(Launcher.Script, send, traced);
            Require(sent.ExitCode == 0 && sent.Stdout.Contains("sent to", StringComparison.Ordinal), $"send exits 0 with 'sent to' (exit {sent.ExitCode}: {sent.Stdout}{sent.Stderr})");
            Require(sent.NetworkWorkMs is not null, "send reports the start of its network work");
            var fetched = await TimedProcess.RunAsync(Launcher.Script, inbox, traced);
            Require(fetched.ExitCode == 0 && fetched.Stdout.Contains("hello from the start-up bench", StringComparison.Ordinal), $"bob's inbox holds alice's message ({fetched.Stdout}{fetched.Stderr})");
            Require(fetched.NetworkWorkMs is not null, "inbox --fetch reports the start of its network work");
            Console.WriteLine("  check: send exits 0 after a signed receipt; bob's inbox --fetch shows the message; both trace their network start");

            var (self, leading) = HelperProcess.Self();
            // The same program built plainly (no ReadyToRun), as this bench's own folder holds it: what ReadyToRun saves.
            var plain = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "wisp.exe" : "wisp");
            var rows = new (string Name, string File, string[] Args, IReadOnlyDictionary<string, string> Env, bool Network)[]
            {
                ("limit: true (start a process)", "true", [], environment, false),
                ("limit: empty .NET program", self, [.. leading, ChildProcesses.NoopArgument], environment, false),
                ("wisp --version, built program", Launcher.Apphost, ["--version"], environment, false),
                ("./wisp --version", Launcher.Script, ["--version"], environment, false),
                ("./wisp send → network work", Launcher.Script, send, traced, true),
                ("./wisp inbox --fetch → network work", Launcher.Script, inbox, traced, true),
                ("  same, profile with a passphrase", Launcher.Script, lockedInbox, withPassphrase, true),
                ("plain build (no ReadyToRun) --version", plain, ["--version"], environment, false),
                ("plain build inbox --fetch → network work", plain, inbox, traced, true),
            };
            var times = rows.Select(_ => new List<double>()).ToArray();
            var totals = rows.Select(_ => new List<double>()).ToArray();
            for (var run = 0; run < runs; run++)
            {
                for (var i = 0; i < rows.Length; i++)
                {
                    var result = await TimedProcess.RunAsync(rows[i].File, rows[i].Args, rows[i].Env);
                    Require(result.ExitCode == 0, $"{rows[i].Name} exits 0 (exit {result.ExitCode}: {result.Stderr})");
                    times[i].Add(rows[i].Network ? result.NetworkWorkMs ?? double.NaN : result.TotalMs);
                    totals[i].Add(result.TotalMs);
                }
            }

            Console.WriteLine();
            Console.WriteLine($"  {"",-40} {"median",8} {"p90",8} {"min",8}   (ms; for network commands: start → network work, and the whole run)");
            for (var i = 0; i < rows.Length; i++)
            {
                var line = $"  {rows[i].Name,-40} {Percentile(times[i], 0.5),8:0} {Percentile(times[i], 0.9),8:0} {times[i].Min(),8:0}";
                if (rows[i].Network)
                    line += $"   whole run: median {Percentile(totals[i], 0.5):0}";
                Console.WriteLine(line);
            }
            Console.WriteLine();
            foreach (var i in new[] { 3, 4, 5 })
                Console.WriteLine($"  target < {TargetMs:0} ms (median), {rows[i].Name.Trim()}: {(Percentile(times[i], 0.5) < TargetMs ? "met" : "NOT met")}");
            Console.WriteLine($"  the launcher's own cost (check + exec): {Percentile(times[3], 0.5) - Percentile(times[2], 0.5):0} ms (median ./wisp --version − built program)");
            MachineInfo.PrintLoad("after");
            return 0;
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<string> NewProfileAsync(string name, Dictionary<string, string> environment, string? passphrase)
    {
        var env = new Dictionary<string, string>(environment);
        string[] args = ["account", "new", "--profile", name, "--json"];
        if (passphrase is null)
            args = [.. args, "--no-passphrase"];
        else
            env["WISP_PASSPHRASE"] = passphrase;
        var made = await TimedProcess.RunAsync(Launcher.Script, args, env);
        Require(made.ExitCode == 0, $"account new --profile {name} exits 0 ({made.Stderr})");
        return JsonDocument.Parse(made.Stdout).RootElement.GetProperty("account_id").GetString()!;
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static void Require(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"Check failed: {what}");
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
