using System.Collections.Concurrent;

namespace Wisp.IntegrationTests.Fuzz;

/// <summary>
/// Sends a seeded stream of mutated bodies, a few at a time, each bounded by a timeout (a hang is a failure, not a
/// stuck test), and collects what no node should ever answer: a 5xx outside the documented ones, or no answer at all.
/// </summary>
internal static class FuzzRun
{
    /// <summary>Requests in flight at once (4): enough to overlap work on the node, few enough for a shared machine.</summary>
    public const int Concurrency = 4;

    /// <summary>The longest one request may take (20 s): far above any honest answer on a loaded machine; beyond it, a hang.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    /// <summary>What a fuzz run saw: every status with its count, and the inputs that broke a rule.</summary>
    public sealed record Report(IReadOnlyDictionary<int, int> Statuses, IReadOnlyList<string> Failures, int Sent);

    /// <summary>
    /// Sends <paramref name="count"/> inputs from <paramref name="mutator"/> through <paramref name="send"/> (which
    /// returns the status and, for a 5xx, the body's text); <paramref name="allowed"/> says which 5xx are documented.
    /// </summary>
    public static async Task<Report> RunAsync(
        Mutator mutator, int count, Func<byte[], CancellationToken, Task<(int Status, string Text)>> send,
        Func<int, string, bool> allowed, CancellationToken cancellationToken)
    {
        var statuses = new ConcurrentDictionary<int, int>();
        var failures = new ConcurrentQueue<string>();
        var inputs = new ConcurrentQueue<(byte[] Body, string What)>();
        for (var i = 0; i < count; i++)
            inputs.Enqueue(mutator.Next()); // drawn up front, in order: the seed alone decides the inputs

        var workers = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            while (inputs.TryDequeue(out var input))
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(RequestTimeout);
                try
                {
                    var (status, text) = await send(input.Body, timeout.Token);
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    if (status >= 500 && !allowed(status, text))
                        failures.Enqueue($"{input.What}: {status} {Cut(text)} for {Show(input.Body)}");
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failures.Enqueue($"{input.What}: no answer within {RequestTimeout.TotalSeconds} s for {Show(input.Body)}");
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue($"{input.What}: the connection failed ({e.Message}) for {Show(input.Body)}");
                }
            }
        }, cancellationToken)).ToArray();
        await Task.WhenAll(workers);
        return new Report(statuses, [.. failures], count);
    }

    /// <summary>A one-line summary of the statuses, for the test's diagnostic output.</summary>
    public static string Describe(this Report report) =>
        $"{report.Sent} inputs; statuses {string.Join(", ", report.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))}";

    private static string Cut(string text) => text.Length > 120 ? text[..120] + "…" : text;

    private static string Show(byte[] body) =>
        body.Length > 160 ? Convert.ToHexString(body.AsSpan(0, 160)) + $"… ({body.Length} bytes)" : Convert.ToHexString(body);
}
