using System.Globalization;

namespace Wisp.Bench.Storage;

/// <summary>
/// The storage suite's figures and the table it prints: each figure beside the limit measured in the same run, the
/// target (DESIGN §4) and Session's storage server measured on this machine class.
/// </summary>
internal sealed class StorageReport
{
    // DESIGN §4 targets and Session 2.6.2's figures (wrk -t2 -c16, same machine class, rate limit lifted).
    private const double InfoTarget = 25_000, StoreTarget = 7_500, RetrieveTarget = 7_500;
    private const double SessionInfo = 21_744, SessionStore = 3_750, SessionRetrieve = 4_957;
    private const long IdleMemoryTargetBytes = 150L * 1024 * 1024;

    public double VerifyOneCore { get; set; }
    public double VerifyAllCores { get; set; }
    public LoadResult? Noop { get; set; }
    public LoadResult? Info { get; set; }
    public LoadResult? Store { get; set; }
    public LoadResult? Retrieve { get; set; }
    public string NodeHow { get; set; } = "not started";
    public long? IdleResidentBytes { get; set; }
    public long? PeakResidentBytes { get; set; }
    public long? FinalResidentBytes { get; set; }

    /// <summary>True when every measured request of every phase was answered 200.</summary>
    public bool AllOk => new[] { Noop, Info, Store, Retrieve }.All(result => result is { AllOk: true });

    public void Print(StorageOptions options)
    {
        var noop = Noop!.RequestsPerSecond;
        // A signed retrieve pays the transport and one verify on the same cores: the two costs add up.
        var retrieveLimit = 1 / (1 / noop + 1 / VerifyAllCores);
        Console.WriteLine();
        Console.WriteLine($"Results ({options.Connections} connections, {options.Seconds} s per phase; node: {NodeHow}; per-IP rate limit lifted)");
        Console.WriteLine();
        string[] header = ["figure", "Wisp", "p50 / p99 ms", "limit, same run", "target", "Session 2.6.2", "target met", "answers"];
        List<string[]> rows =
        [
            Row("info req/s", Info!, $"no-op {K(noop)}", InfoTarget, SessionInfo),
            Row("store req/s", Store!, $"no-op {K(noop)}", StoreTarget, SessionStore),
            Row("retrieve req/s", Retrieve!, $"no-op+verify {K(retrieveLimit)}", RetrieveTarget, SessionRetrieve),
            ["node RSS idle MB", Mb(IdleResidentBytes), "", "", "≤ 150", "", Met(IdleResidentBytes is { } idle ? idle <= IdleMemoryTargetBytes : null), ""],
            ["node RSS peak MB", Mb(PeakResidentBytes), "", "", "", "", "", FinalResidentBytes is null ? "" : $"at the end: {Mb(FinalResidentBytes)} MB"],
            ["no-op Kestrel req/s", K(noop), Latency(Noop), "(the transport limit)", "", "~34k (wrk)", "", Noop.ErrorText],
            ["Ed25519 verify/s", $"{K(VerifyOneCore)} 1 core", "", $"{K(VerifyAllCores)} on {Environment.ProcessorCount} cores", "", "", "", "libsodium raw"],
        ];
        PrintTable(header, rows);

        // Where the CPU went in each measured window: the server's cost per request (Session's, from its anchor run:
        // info 57, store 273, retrieve 338 µs), the load generator's share, and other processes' (noise).
        Console.WriteLine();
        string[] cpuHeader = ["phase", "server CPU s", "server µs/req", "Session µs/req", "load generator CPU s", "other processes CPU s"];
        List<string[]> cpuRows =
        [
            CpuRow(Noop, ""), CpuRow(Info!, "57"), CpuRow(Store!, "273"), CpuRow(Retrieve!, "338"),
        ];
        PrintTable(cpuHeader, cpuRows);
    }

    private static string[] CpuRow(LoadResult result, string session) =>
    [
        result.Name, Number(result.ServerCpuSeconds, "0.0"), Number(result.ServerMicrosecondsPerRequest, "0"), session,
        Number(result.LoadGeneratorCpuSeconds, "0.0"), Number(result.OtherCpuSeconds, "0.0"),
    ];

    private static string Number(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static void PrintTable(string[] header, List<string[]> rows)
    {
        var widths = header.Select((title, column) => Math.Max(title.Length, rows.Max(row => row[column].Length))).ToArray();
        Console.WriteLine(Line(header, widths));
        Console.WriteLine(string.Join("-+-", widths.Select(width => new string('-', width))));
        foreach (var row in rows) Console.WriteLine(Line(row, widths));
    }

    private static string[] Row(string figure, LoadResult result, string limit, double target, double session) =>
    [
        figure, K(result.RequestsPerSecond), Latency(result), limit, $"≥ {K(target)}", K(session),
        Met(result.RequestsPerSecond >= target), result.ErrorText,
    ];

    private static string Line(string[] cells, int[] widths) => string.Join(" | ", cells.Select((cell, i) => cell.PadRight(widths[i])));

    private static string Latency(LoadResult result) => string.Create(CultureInfo.InvariantCulture, $"{result.P50Ms:0.00} / {result.P99Ms:0.00}");

    private static string K(double perSecond) => perSecond >= 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{perSecond / 1000:0.0}k")
        : string.Create(CultureInfo.InvariantCulture, $"{perSecond:0}");

    private static string Mb(long? bytes) => bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"{b / 1024.0 / 1024:0}") : "n/a (in-process)";

    private static string Met(bool? met) => met switch { true => "yes", false => "NO", null => "n/a" };
}
