using System.Collections.Concurrent;
using System.Diagnostics;
using Wisp.Client.Conversations;
using Wisp.Crypto.Keys;

namespace Wisp.Bench.Messaging;

/// <summary>Messages/s one client sends: one at a time (with each one's time), and <c>concurrency</c> at a time.</summary>
internal sealed record SendRates(double Sequential, double[] SequentialTimes, double Concurrent);

/// <summary>
/// Times the sender's whole path: <see cref="Wisp.Client.Front.ClientConversations.Send"/> (compose, seal, record) until the
/// outbox reports the message sent (a node's signed receipt). The recipient is an account nobody reads.
/// </summary>
internal sealed class SendRun(BenchAccount sender)
{
    // A message not confirmed after this long fails the run: the outbox retries for about a minute before giving up.
    private static readonly TimeSpan ConfirmTimeout = TimeSpan.FromSeconds(90);

    private readonly ConcurrentDictionary<string, TaskCompletionSource<MessageStatus>> _waiting = new(StringComparer.Ordinal);

    public async Task<SendRates> MeasureAsync(int count, int concurrency)
    {
        using var nobody = Ed25519KeyPair.Generate();
        var peer = nobody.AccountId;
        sender.Wisp.OutboxRunner.StatusChanged += OnStatusChanged;
        try
        {
            for (var i = 0; i < 5; i++)
                await SendOneAsync(peer, $"warm-up {i}");

            var times = new double[count];
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
                times[i] = await SendOneAsync(peer, $"one at a time {i}");
            var sequential = count / clock.Elapsed.TotalSeconds;
            Array.Sort(times);

            clock.Restart();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async worker =>
            {
                for (var i = worker; i < count; i += concurrency)
                    await SendOneAsync(peer, $"{concurrency} at a time {i}");
            }));
            return new SendRates(sequential, times, count / clock.Elapsed.TotalSeconds);
        }
        finally
        {
            sender.Wisp.OutboxRunner.StatusChanged -= OnStatusChanged;
        }
    }

    private async Task<double> SendOneAsync(AccountId peer, string body)
    {
        var confirmed = new TaskCompletionSource<MessageStatus>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[body] = confirmed;
        var started = Stopwatch.GetTimestamp();
        MessagingBench.Require(sender.Wisp.Conversations.Send(peer, body, null, out var error) is not null, $"the message is queued ({error})");
        var done = await Task.WhenAny(confirmed.Task, Task.Delay(ConfirmTimeout));
        MessagingBench.Require(done == confirmed.Task && confirmed.Task.Result == MessageStatus.Sent, $"'{body}' is confirmed sent");
        _waiting.TryRemove(body, out _);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    private void OnStatusChanged(MessageView message)
    {
        if (message.Status is MessageStatus.Sent or MessageStatus.Failed && _waiting.TryGetValue(message.Body, out var confirmed))
            confirmed.TrySetResult(message.Status.Value);
    }
}
