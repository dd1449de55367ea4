using System.Diagnostics;
using System.Text.Json;
using Wisp.Crypto;
using Wisp.Crypto.Keys;
using Wisp.Direct.Tests.Nat;

namespace Wisp.Bench.Direct;

/// <summary>
/// <c>direct-nat [--tries 100] [--random-tries 20] [--real-timings]</c> (root): per NAT pairing in network namespaces
/// (the NAT tests' lab), N connects from a fresh peer process to one listener: the path taken, success rate, and
/// time from a started endpoint to an open session (p50/p90/max; process start-up excluded).
/// </summary>
internal static class NatBench
{
    private static readonly (string Name, string Connector, string Listener, bool Random)[] Pairings =
    [
        ("consistent-consistent", "c1", "c2", false),
        ("consistent-random", "c1", "r2", true),
        ("random-consistent", "r1", "c2", true),
        ("random-random", "r1", "r2", false),
    ];

    public static int Run(string[] args)
    {
        var tries = Option(args, "--tries", 100);
        var randomTries = Option(args, "--random-tries", 20);
        var fast = args.Contains("--real-timings") ? "" : " --fast";
        if (NatLab.Unavailable() is { } why)
        {
            Console.Error.WriteLine($"direct-nat: {why}.");
            return 2;
        }
        Console.WriteLine($"direct-nat: {Environment.ProcessorCount} cores; random probes every {(fast.Length > 0 ? "2 ms (--fast)" : "20 ms")}");
        var lab = NatLab.Build();
        var dht = lab.Start("pub", $"dht {NatLab.PubAddress} {NatLab.DhtPort} 5");
        try
        {
            if (Read(dht, 60) is null) throw new InvalidOperationException("the DHT did not start");
            var bootstrap = $"{NatLab.PubAddress}:{NatLab.DhtPort}";
            foreach (var (name, connector, listener, random) in Pairings)
            {
                var n = random ? randomTries : tries;
                var seed = RandomBytes.Get(32);
                using var key = Ed25519KeyPair.FromSeed(seed);
                var server = lab.Start(listener, $"listen {bootstrap} {bootstrap} {Convert.ToHexString(seed)}{fast}");
                try
                {
                    Read(server, 60);
                    var times = new List<double>();
                    var paths = new Dictionary<string, int>();
                    var failures = 0;
                    for (var i = 0; i < n; i++)
                    {
                        var client = lab.Start(connector,
                            $"connect {bootstrap} {bootstrap} {Convert.ToHexString(RandomBytes.Get(32))} {Convert.ToHexString(key.X25519PublicKey.Span)}{fast}");
                        var outcome = Read(client, 120);
                        Stop(client);
                        if (outcome is not { } o || !o.GetProperty("ok").GetBoolean())
                        {
                            failures++;
                            continue;
                        }
                        var path = o.GetProperty("path").GetString()!;
                        paths[path] = paths.GetValueOrDefault(path) + 1;
                        times.Add(o.GetProperty("connect_ms").GetInt64());
                    }
                    times.Sort();
                    string P(double q) => times.Count == 0 ? "-" : $"{times[(int)Math.Min(times.Count - 1, Math.Floor(q * times.Count))]:0} ms";
                    Console.WriteLine($"{name,-22} tries {n,4}  ok {n - failures,4} ({100.0 * (n - failures) / n:0.#}%)  " +
                        $"paths {string.Join(", ", paths.Select(p => $"{p.Key} {p.Value}"))}  p50 {P(0.5)}  p90 {P(0.9)}  max {P(1)}");
                }
                finally
                {
                    Stop(server);
                }
            }
            return 0;
        }
        finally
        {
            Stop(dht);
            lab.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var value) ? value : fallback;
    }

    private static JsonElement? Read(Process process, int seconds) =>
        NatLab.ReadJsonAsync(process, TimeSpan.FromSeconds(seconds)).GetAwaiter().GetResult();

    private static void Stop(Process process) => NatLab.Stop(process);
}
