using System.Globalization;

namespace Wisp.Bench.Node;

/// <summary>The <c>node</c> suite's options; the defaults are issue 18's method (wrk -t2 -c16 -d20s, fresh database per series).</summary>
internal sealed record NodeBenchOptions
{
    public const string Usage =
        "[--driver wrk|dotnet] [--quick] [--only info,store,retrieve,swarm,first-minute] [--sync full,normal] "
        + "[--seconds 20] [--warmup 5] [--connections 16] [--threads 2] [--accounts 100] [--window 20] [--wisp PATH]";

    public static readonly string[] AllMeasures = ["info", "store", "retrieve", "swarm", "first-minute"];

    /// <summary>"wrk" (Debian's wrk, Lua scripts in bench/wrk) or "dotnet" (the in-repo closed-loop generator).</summary>
    public string Driver { get; init; } = "wrk";

    /// <summary>Measured seconds per measure.</summary>
    public int Seconds { get; init; } = 20;

    /// <summary>Unmeasured seconds of the same load before each measure (JIT, TLS handshakes, SQLite pages).</summary>
    public int WarmupSeconds { get; init; } = 5;

    public int Connections { get; init; } = 16;

    /// <summary>wrk's threads (-t).</summary>
    public int Threads { get; init; } = 2;

    /// <summary>Accounts filled with 20 messages each: the seed of every series and the retrieve measure's accounts.</summary>
    public int RetrieveAccounts { get; init; } = 100;

    /// <summary>Seconds per window of the first-minute curve (three windows).</summary>
    public int WindowSeconds { get; init; } = 20;

    /// <summary>The single-node series, one fresh database each.</summary>
    public IReadOnlyList<string> Syncs { get; init; } = ["full", "normal"];

    public IReadOnlySet<string> Only { get; init; } = new HashSet<string>(AllMeasures);

    public bool Quick { get; init; }

    /// <summary>The wisp executable the nodes run from (e.g. the ReadyToRun build of ./wisp); null: the bench's own copy.</summary>
    public string? Wisp { get; init; }

    public bool Wants(string measure) => Only.Contains(measure);

    public static NodeBenchOptions? Parse(string[] args, out string? error)
    {
        var options = new NodeBenchOptions();
        error = null;
        // --quick first, so explicit values given with it still win.
        if (args.Contains("--quick"))
            options = options with { Quick = true, Seconds = 5, WarmupSeconds = 2, WindowSeconds = 5, RetrieveAccounts = 50 };
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--quick") continue;
            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value.";
                return null;
            }
            var value = args[++i];
            switch (name)
            {
                case "--wisp" when File.Exists(value): options = options with { Wisp = value }; break;
                case "--driver" when value is "wrk" or "dotnet": options = options with { Driver = value }; break;
                case "--seconds" when Positive(value, 50) is { } seconds: options = options with { Seconds = seconds }; break;
                case "--warmup" when Positive(value, 30) is { } warmup: options = options with { WarmupSeconds = warmup }; break;
                case "--connections" when Positive(value, 1024) is { } connections: options = options with { Connections = connections }; break;
                case "--threads" when Positive(value, 64) is { } threads: options = options with { Threads = threads }; break;
                case "--accounts" when Positive(value, 10_000) is { } accounts: options = options with { RetrieveAccounts = accounts }; break;
                case "--window" when Positive(value, 60) is { } window: options = options with { WindowSeconds = window }; break;
                case "--sync" when List(value, ["full", "normal"]) is { } syncs: options = options with { Syncs = syncs }; break;
                case "--only" when List(value, AllMeasures) is { } only: options = options with { Only = new HashSet<string>(only) }; break;
                default:
                    error = $"'{name} {value}' is not a known option, or its value is out of range. Usage: node {Usage}";
                    return null;
            }
        }
        if (options.Connections < options.Threads)
        {
            error = "--connections must be at least --threads (wrk gives each thread its share of the connections).";
            return null;
        }
        return options;
    }

    private static string[]? List(string value, string[] allowed)
    {
        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return items.Length > 0 && items.All(allowed.Contains) ? items.Distinct().ToArray() : null;
    }

    private static int? Positive(string text, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max ? value : null;
}
