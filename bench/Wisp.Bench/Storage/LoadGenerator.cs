using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;

namespace Wisp.Bench.Storage;

/// <summary>
/// A closed-loop HTTP load generator, like <c>wrk -c N</c>: N workers, each with its own keep-alive HTTP/1.1
/// connection, each sending its next POST as soon as the previous answer is read in full. A warm-up period is run
/// and discarded; then requests that start and complete inside the measured window are counted.
/// </summary>
internal sealed class LoadGenerator(HttpClient client, int connections)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>Makes the client every phase uses: <paramref name="handler"/> limited to <paramref name="connections"/> HTTP/1.1 connections.</summary>
    public static HttpClient CreateClient(SocketsHttpHandler handler, int connections)
    {
        handler.MaxConnectionsPerServer = connections;
        handler.PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5);
        handler.EnableMultipleHttp2Connections = false;
        return new HttpClient(handler)
        {
            DefaultRequestVersion = System.Net.HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>POSTs one body and returns the status and the response bytes.</summary>
    public static async Task<(int Status, byte[] Body)> PostAsync(HttpClient client, Uri target, byte[] body, CancellationToken cancellationToken)
    {
        using var request = NewRequest(target, body);
        using var response = await client.SendAsync(request, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(cancellationToken));
    }

    /// <summary>Runs one phase: <paramref name="nextBody"/> is called for every request, from many threads at once.</summary>
    public async Task<LoadResult> RunAsync(
        string name, Uri target, Func<byte[]> nextBody, TimeSpan warmup, TimeSpan duration, CpuMeter cpu, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var measureUntil = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new Worker[connections];
        for (var i = 0; i < workers.Length; i++) workers[i] = new Worker();
        var sampling = Task.Run(async () =>
        {
            await Task.Delay(warmup, cancellationToken);
            var before = cpu.Take();
            await Task.Delay(duration, cancellationToken);
            return (before, after: cpu.Take());
        }, cancellationToken);
        await Task.WhenAll(workers.Select(worker => Task.Run(() => worker.RunAsync(client, target, nextBody, measureFrom, measureUntil, cancellationToken), cancellationToken)));
        var (before, after) = await sampling;

        var latencies = workers.SelectMany(worker => worker.Latencies).ToArray();
        Array.Sort(latencies);
        var nonOk = new Dictionary<int, long>();
        foreach (var (status, count) in workers.SelectMany(worker => worker.NonOk))
            nonOk[status] = nonOk.GetValueOrDefault(status) + count;
        return new LoadResult(name, latencies.Length, TimeSpan.FromSeconds(duration.TotalSeconds),
            Percentile(latencies, 0.50), Percentile(latencies, 0.99), nonOk, workers.Sum(worker => worker.Failures))
        {
            OkAnswersInPhase = workers.Sum(worker => worker.OkInPhase),
            ServerCpuSeconds = after.Server - before.Server,
            LoadGeneratorCpuSeconds = after.LoadGenerator - before.LoadGenerator,
            OtherCpuSeconds = Math.Max(0, (after.MachineBusy - before.MachineBusy)
                - (double.IsNaN(after.Server) ? 0 : after.Server - before.Server) - (after.LoadGenerator - before.LoadGenerator)),
        };
    }

    private static HttpRequestMessage NewRequest(Uri target, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return new HttpRequestMessage(HttpMethod.Post, target) { Content = content };
    }

    private static double Percentile(long[] sortedTicks, double quantile) =>
        sortedTicks.Length == 0
            ? double.NaN
            : sortedTicks[Math.Min(sortedTicks.Length - 1, (int)(quantile * sortedTicks.Length))] * 1000.0 / Stopwatch.Frequency;

    private sealed class Worker
    {
        private readonly byte[] _drain = new byte[64 * 1024];

        public List<long> Latencies { get; } = new(64 * 1024);
        public ConcurrentDictionary<int, long> NonOk { get; } = new();
        public long Failures { get; private set; }
        public long OkInPhase { get; private set; }

        public async Task RunAsync(HttpClient client, Uri target, Func<byte[]> nextBody, long measureFrom, long measureUntil, CancellationToken cancellationToken)
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var body = nextBody();
                var started = Stopwatch.GetTimestamp();
                if (started >= measureUntil) return;
                int status;
                try
                {
                    using var request = NewRequest(target, body);
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                    await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
                    while (await stream.ReadAsync(_drain, cancellationToken) > 0) { }
                    status = (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    status = -1;
                }
                var completed = Stopwatch.GetTimestamp();
                if (status == 200) OkInPhase++;
                if (started < measureFrom || completed > measureUntil) continue;
                if (status == -1)
                {
                    Failures++;
                    continue;
                }
                if (status != 200) NonOk.AddOrUpdate(status, 1, (_, count) => count + 1);
                Latencies.Add(completed - started);
            }
        }
    }
}
