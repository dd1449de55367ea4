using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Wisp.Client.Conversations;
using Wisp.Client.Polling;

namespace Wisp.Bench.Messaging;

/// <summary>What one delivery mode measured: send → arrival times (ms, sorted), and what went wrong.</summary>
/// <param name="Slowest">The slowest few: send → arrival and send → the sender's store confirmed, ms.</param>
/// <param name="EarlyEmpty">Waiting retrieves the recipient got back empty early (each followed by a poll-interval pause).</param>
internal sealed record DeliveryResult(
    double[] Latencies, int Lost, int Unexpected, int PollFailures, int Retrieves, int EarlyEmpty, IReadOnlyList<(double Arrived, double Confirmed)> Slowest);

/// <summary>
/// Sends messages one at a time from one account to another and times each from the send call
/// (<see cref="Wisp.Client.Front.ClientConversations.Send"/>) to the recipient's <see cref="PollEvent.MessageArrived"/>, both
/// read from this process's <see cref="Stopwatch"/>. A random pause after each arrival (up to <c>maxGap</c>) spreads the
/// sends over the recipient's poll cycle, as real messages come at any moment.
/// </summary>
internal sealed class DeliveryRun(BenchAccount sender)
{
    // A message not arrived after this long is counted lost (the run then fails).
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(30);

    public async Task<DeliveryResult> MeasureAsync(BenchAccount recipient, int count, int warmup, TimeSpan maxGap)
    {
        var expected = new ConcurrentDictionary<string, TaskCompletionSource<long>>(StringComparer.Ordinal);
        var senderId = sender.Account.AccountId;
        int unexpected = 0, pollFailures = 0;
        recipient.Wisp.Poller.Received += e =>
        {
            if (e is not PollEvent.MessageArrived arrived)
                return;
            var at = Stopwatch.GetTimestamp();
            // A body nobody sent, from someone else, or a second arrival of the same message: all wrong.
            if (!arrived.Message.Sender.Equals(senderId) || !expected.TryGetValue(arrived.Message.Body, out var waiting) || !waiting.TrySetResult(at))
                Interlocked.Increment(ref unexpected);
        };
        recipient.Wisp.PollFailed += _ => Interlocked.Increment(ref pollFailures);
        var confirmedAt = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        void OnStatusChanged(MessageView message)
        {
            if (message.Status == MessageStatus.Sent)
                confirmedAt.TryAdd(message.Body, Stopwatch.GetTimestamp());
        }
        sender.Wisp.OutboxRunner.StatusChanged += OnStatusChanged;
        recipient.Start();
        var (retrievesBefore, earlyBefore) = (recipient.Swarm.Retrieves, recipient.Swarm.EarlyEmpty);

        var random = new Random(7);
        var latencies = new List<double>(count);
        var timed = new List<(string Body, long Started, double Arrived)>(count);
        var lost = 0;
        for (var i = 0; i < warmup + count; i++)
        {
            var body = $"message {i:D4} {Convert.ToHexString(RandomNumberGenerator.GetBytes(32))}";
            var arrival = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            expected[body] = arrival;
            var started = Stopwatch.GetTimestamp();
            var queued = sender.Wisp.Conversations.Send(recipient.Account.AccountId, body, "bench", out var error);
            MessagingBench.Require(queued is not null, $"the message is queued ({error})");
            if (await Task.WhenAny(arrival.Task, Task.Delay(ArrivalTimeout)) != arrival.Task)
            {
                lost++;
                continue;
            }
            if (i >= warmup)
            {
                latencies.Add((arrival.Task.Result - started) * 1000.0 / Stopwatch.Frequency);
                timed.Add((body, started, latencies[^1]));
            }
            await Task.Delay(random.Next((int)maxGap.TotalMilliseconds + 1));
        }

        // Exactly once, content equal: the recipient's conversation holds each body once and nothing else.
        var history = recipient.Wisp.Conversations.History(senderId, limit: warmup + count + 10);
        var bodies = history.Select(m => m.Body).ToHashSet(StringComparer.Ordinal);
        if (history.Count != warmup + count || !bodies.SetEquals(expected.Keys))
            unexpected++;
        sender.Wisp.OutboxRunner.StatusChanged -= OnStatusChanged;
        var slowest = timed.OrderByDescending(t => t.Arrived).Take(5)
            .Select(t => (t.Arrived, confirmedAt.TryGetValue(t.Body, out var at) ? (at - t.Started) * 1000.0 / Stopwatch.Frequency : double.NaN))
            .ToList();
        var sorted = latencies.ToArray();
        Array.Sort(sorted);
        return new DeliveryResult(sorted, lost, unexpected, pollFailures,
            recipient.Swarm.Retrieves - retrievesBefore, recipient.Swarm.EarlyEmpty - earlyBefore, slowest);
    }
}
