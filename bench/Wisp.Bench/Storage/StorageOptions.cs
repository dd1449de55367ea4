using System.Globalization;

namespace Wisp.Bench.Storage;

/// <summary>The <c>storage</c> suite's options; every one has a default that matches DESIGN §4's method.</summary>
internal sealed record StorageOptions
{
    public const string Usage =
        "[--seconds 10] [--warmup 2] [--connections 16] [--sync full|normal] [--accounts 100] [--in-process]";

    /// <summary>Measured seconds per phase.</summary>
    public int Seconds { get; init; } = 10;

    /// <summary>Unmeasured seconds before each phase (JIT, TLS handshakes, connection pool).</summary>
    public int WarmupSeconds { get; init; } = 2;

    /// <summary>Concurrent HTTP/1.1 connections (wrk -c16 in Session's measurement).</summary>
    public int Connections { get; init; } = 16;

    /// <summary>The node's <c>--sync</c>: "full" fsyncs every group commit, "normal" does not (Session's anchor ran NORMAL).</summary>
    public string Sync { get; init; } = "full";

    /// <summary>Accounts pre-filled with 20 messages each for the retrieve phase (round-robin, as Session's anchor).</summary>
    public int RetrieveAccounts { get; init; } = 100;

    /// <summary>Run the node inside the bench process instead of as `wisp node run`.</summary>
    public bool InProcess { get; init; }

    /// <summary>Parses the arguments; on failure <paramref name="error"/> says which one is wrong.</summary>
    public static StorageOptions? Parse(string[] args, out string? error)
    {
        var options = new StorageOptions();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--in-process")
            {
                options = options with { InProcess = true };
                continue;
            }
            if (i + 1 >= args.Length)
            {
                error = $"{name} needs a value.";
                return null;
            }
            var value = args[++i];
            switch (name)
            {
                case "--seconds" when Positive(value, 600) is { } seconds: options = options with { Seconds = seconds }; break;
                case "--warmup" when Positive(value, 60) is { } warmup: options = options with { WarmupSeconds = warmup }; break;
                case "--connections" when Positive(value, 1024) is { } connections: options = options with { Connections = connections }; break;
                case "--accounts" when Positive(value, 10_000) is { } accounts: options = options with { RetrieveAccounts = accounts }; break;
                case "--sync" when value is "full" or "normal": options = options with { Sync = value }; break;
                default:
                    error = $"'{name} {value}' is not a known option, or its value is out of range. Usage: storage {Usage}";
                    return null;
            }
        }
        if (options.Seconds + options.WarmupSeconds > 50)
        {
            // The retrieve bodies are signed once; a signature is accepted for ±60 s.
            error = "--seconds plus --warmup must stay within 50 s: the retrieve phase's signatures are good for 60 s.";
            return null;
        }
        return options;
    }

    private static int? Positive(string text, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max ? value : null;
}
