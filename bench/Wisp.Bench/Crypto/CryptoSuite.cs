using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Wisp.Bench.Crypto;

/// <summary>
/// The <c>crypto</c> suite: one BenchmarkDotNet class per Wisp operation, each with the raw libsodium call(s) it
/// composes as the baseline, so the Ratio column is Wisp's overhead.
/// </summary>
internal static class CryptoSuite
{
    private static readonly Type[] Benchmarks =
    [
        typeof(SealBenchmarks),
        typeof(OpenBenchmarks),
        typeof(SignBenchmarks),
        typeof(VerifyBenchmarks),
        typeof(X25519AgreeBenchmarks),
        typeof(OnionClientLayerBenchmarks),
        typeof(OnionNodeLayerBenchmarks),
        typeof(MessageHashBenchmarks),
    ];

    public static int Run(string[] args)
    {
        MachineInfo.Print();
        MachineInfo.PrintLoad("before");
        // In-process: no generated project to build (the repository builds with central package versions and
        // per-engineer artifacts paths), and a short job keeps the whole suite to a few minutes on 2 cores.
        var job = Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(8)
            .WithId("ShortInProcess");
        var config = DefaultConfig.Instance
            .AddJob(job.AsDefault())
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "wisp-bench-artifacts"));
        var switcherArgs = args.Length == 0 ? ["--filter", "*"] : args;
        var summaries = BenchmarkSwitcher.FromTypes(Benchmarks).Run(switcherArgs, config);
        MachineInfo.PrintLoad("after");
        return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
    }
}
