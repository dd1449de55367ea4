using System.Globalization;

namespace Wisp.Bench.Node;

/// <summary>
/// The node suite's table: each figure beside the limits measured in the same run, Session's storage server 2.6.2 and
/// the target. Session's figures are constants from issue 18 (wrk -t2 -c16 -d20s over HTTPS on loopback, rate limit
/// lifted, SQLite at synchronous=NORMAL, medians of 6 runs on this machine class) and, for requests per second of a
/// single node, DESIGN §4's measurement of the same server.
/// </summary>
internal sealed class NodeReport
{
    // Issue 18, "Session storage server 2.6.2" column: server CPU µs per request, p99, 5-node figures, RSS.
    private const double SessionInfoUs = 67, SessionStoreUs = 283, SessionRetrieveUs = 617, SessionSwarmUs = 2_363;
    private const double SessionSwarmPerSecond = 712, SessionStoreP99Ms = 15;
    private const string SessionFirstMinute = "720–760/s", SessionRss = "20 / 25";
    // DESIGN §4 (also the storage suite's): Session's single-node req/s, wrk -t2 -c16.
    private const double SessionInfoPerSecond = 21_744, SessionStorePerSecond = 3_750, SessionRetrievePerSecond = 4_957;

    public string Driver { get; set; } = "";
    public double NoopPerSecond { get; set; }
    public double NoopServerUs { get; set; }
    public double VerifyPerSecondOneCore { get; set; }
    public double VerifyPerSecondAllCores { get; set; }
    public double HashPerSecondOneCore { get; set; }
    public List<SeriesResult> Series { get; } = [];
    public SwarmResult? Swarm { get; set; }

    public bool AllOk =>
        Series.All(series => series.Measures.All(m => m.AllOk))
        && (Swarm is null || (Swarm.FirstMinute.All(m => m.AllOk) && Swarm.Store is not { AllOk: false }));

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"Results (driver: {Driver}; per-IP rate limits lifted; HTTPS on loopback; the driver shares the cores)");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Limits, same run: no-op Kestrel POST {NoopPerSecond:N0} req/s ({NoopServerUs:0} µs server CPU each); "
            + $"libsodium Ed25519 verify {VerifyPerSecondOneCore:N0}/s on 1 core ({VerifyPerSecondAllCores:N0}/s on {Environment.ProcessorCount}); "
            + $"message hash (BLAKE2b-256, 300 B) {HashPerSecondOneCore:N0}/s on 1 core"));
        Console.WriteLine();
        string[] header = ["measure", "req/s", "p50 / p99 ms", "server µs/req", "Session µs/req", "Session req/s", "target", "limit (same run)", "driver / other CPU s", "answers"];
        var rows = new List<string[]>();
        foreach (var series in Series)
        {
            foreach (var m in series.Measures)
            {
                var (sessionUs, sessionRate, target, limit) = m.Name switch
                {
                    "info" => (SessionInfoUs, SessionInfoPerSecond, "≤ 30 µs", $"no-op {K(NoopPerSecond)}/s"),
                    "store" => (SessionStoreUs, SessionStorePerSecond, $"≤ 140 µs (full), ≥ {K(2 * SessionStorePerSecond)}/s, p99 ≤ {SessionStoreP99Ms:0} ms",
                        $"no-op {K(NoopPerSecond)}/s; hash {K(HashPerSecondOneCore)}/s"),
                    _ => (SessionRetrieveUs, SessionRetrievePerSecond, "≤ 250 µs", $"no-op {K(NoopPerSecond)}/s; verify {K(VerifyPerSecondAllCores)}/s"),
                };
                rows.Add(Row($"{m.Name} (--sync {series.Sync})", m, sessionUs, K(sessionRate), target, limit));
            }
            rows.Add([$"RSS idle / peak MB (--sync {series.Sync})", $"{Mb(series.IdleResidentBytes)} / {Mb(series.PeakResidentBytes)}", "", "", SessionRss, "", "≤ 50 / ≤ 100", "", "", series.StoreCheck]);
        }
        if (Swarm is { } swarm)
        {
            if (swarm.Store is { } store)
                rows.Add(Row("5-node store at one node", store, SessionSwarmUs, K(SessionSwarmPerSecond), $"≤ 1,100 µs (all five), ≥ {K(2 * SessionSwarmPerSecond)}/s",
                    "µs = CPU of all five per ack"));
            if (swarm.FirstMinute.Count > 0)
                rows.Add(["5-node first minute, acked/s per window", string.Join(" → ", swarm.FirstMinute.Select(m => K(m.Acknowledged / m.Seconds))),
                    "", "", "", SessionFirstMinute, "no warm-up penalty", "", "", swarm.FirstMinute.All(m => m.AllOk) ? "all 2xx" : "NOT all 2xx"]);
            rows.Add(["5-node RSS idle / peak MB per node", $"{SwarmMeasure.Range(swarm.IdleResidentBytes)} / {SwarmMeasure.Range(swarm.PeakResidentBytes)}",
                "", "", SessionRss, "", "≤ 50 / ≤ 100", "", "", ""]);
        }
        PrintTable(header, rows);
    }

    private static string[] Row(string name, Measurement m, double sessionUs, string sessionRate, string target, string limit) =>
    [
        name, K(m.RequestsPerSecond), string.Create(CultureInfo.InvariantCulture, $"{m.P50Ms:0.00} / {m.P99Ms:0.00}"),
        N(m.ServerMicrosecondsPerRequest, "0"), N(sessionUs, "0"), sessionRate, target, limit,
        $"{N(m.DriverCpuSeconds, "0.0")} / {N(m.OtherCpuSeconds, "0.0")}",
        m.AllOk ? "all 2xx" : $"{m.NotOk} not 2xx, {m.Errors} errors",
    ];

    private static void PrintTable(string[] header, List<string[]> rows)
    {
        var widths = header.Select((title, column) => Math.Max(title.Length, rows.Count == 0 ? 0 : rows.Max(row => row[column].Length))).ToArray();
        Console.WriteLine(Line(header, widths));
        Console.WriteLine(string.Join("-+-", widths.Select(width => new string('-', width))));
        foreach (var row in rows) Console.WriteLine(Line(row, widths));
    }

    private static string Line(string[] cells, int[] widths) => string.Join(" | ", cells.Select((cell, i) => cell.PadRight(widths[i])));

    private static string N(double value, string format) => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string K(double perSecond) => !double.IsFinite(perSecond)
        ? "n/a"
        : perSecond >= 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1000:0.00}k")
            : string.Create(CultureInfo.InvariantCulture, $"{perSecond:0}");

    private static string Mb(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0}");
}
