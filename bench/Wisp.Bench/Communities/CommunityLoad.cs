using System.Collections.Concurrent;
using System.Diagnostics;
using Wisp.Client.Communities;
using Wisp.Crypto.Keys;

namespace Wisp.Bench.Communities;

/// <summary>A measured window: how many calls succeeded, in how long, how many failed, latency percentiles.</summary>
internal sealed record LoadWindow(long Count, long Failures, double Seconds, double P50Ms, double P99Ms)
{
    public double Rate => Count / Seconds;
}

/// <summary>Closed-loop load on the community server: the client SDK's own calls (signing, requests) over HTTP.</summary>
internal sealed class CommunityLoad(CommunityServerProcess server, HttpClient http)
{
    private readonly DirectCommunityTransport _transport = new(http);
    private long _posted;

    /// <summary>A post comes back from a poll of another account with its text (its signature checked by the client).</summary>
    public async Task CheckAsync(Ed25519KeyPair poster)
    {
        using var reader = Ed25519KeyPair.Generate();
        var text = $"check {Guid.NewGuid():N}";
        var posted = await PostOnceAsync(Calls(poster), text);
        if (posted is null) throw new InvalidOperationException("The check post was refused.");
        var polled = await Calls(reader).PollAsync(server.Server, [Room(0)], 0, 0, CancellationToken.None);
        var message = polled.Value?.Rooms[0].Messages?.FirstOrDefault(m => m.Id == posted.Id)
            ?? throw new InvalidOperationException($"The check post did not come back from a poll: {polled.Error}");
        var row = CommunityMessages.ToRow(server.Server.Base, server.Room, message);
        if (row?.Data is null || CommunityContent.Read(row.Data)?.Text != text)
            throw new InvalidOperationException("The check post came back unreadable or with a bad signature.");
    }

    /// <summary>Posts from every poster at once for <paramref name="duration"/> (after a 2 s warm-up).</summary>
    public Task<LoadWindow> PostRateAsync(IReadOnlyList<Ed25519KeyPair> posters, TimeSpan duration)
    {
        var calls = posters.Select(Calls).ToList();
        return MeasureAsync(calls.Count, duration, async (worker, _) => await PostOnceAsync(calls[worker], "a message of about the length people write in a room, neither a word nor an essay") is not null);
    }

    /// <summary>
    /// <paramref name="pollers"/> accounts poll the room (Session's /batch: pollInfo, messages since the newest, inbox,
    /// outbox), round robin over <paramref name="connections"/> loops, each poller's first poll made before measuring.
    /// </summary>
    public async Task<LoadWindow> PollRateAsync(IReadOnlyList<Ed25519KeyPair> pollers, int connections, TimeSpan duration)
    {
        var calls = pollers.Select(Calls).ToList();
        var (latest, infoUpdates) = await LatestAsync(calls[0]);
        var room = Room(latest) with { InfoUpdates = infoUpdates };
        var next = -1;
        async Task<bool> PollAsync(int worker, long _)
        {
            var i = (int)((uint)Interlocked.Increment(ref next) % (uint)calls.Count);
            var polled = await calls[i].PollAsync(server.Server, [room], 1, 1, CancellationToken.None);
            return polled.Ok && polled.Value!.Rooms[0].Error is null;
        }
        // Every poller once, so each is a known member (its first request adds it to the server's users).
        await Parallel.ForEachAsync(Enumerable.Range(0, calls.Count), new ParallelOptions { MaxDegreeOfParallelism = connections },
            async (_, _) => await PollAsync(0, 0));
        return await MeasureAsync(connections, duration, PollAsync);
    }

    /// <summary>Posts until the room holds <paramref name="total"/> messages; returns how many it holds.</summary>
    public async Task<long> FillAsync(IReadOnlyList<Ed25519KeyPair> posters, long total)
    {
        var calls = posters.Select(Calls).ToList();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, calls.Count), async (worker, _) =>
        {
            while (Interlocked.Read(ref _posted) < total)
            {
                await PostOnceAsync(calls[worker], $"filler {Interlocked.Read(ref _posted)}: a message of ordinary length for the memory figure");
                if (worker == 0 && watch.Elapsed > TimeSpan.FromSeconds(20))
                {
                    Console.WriteLine($"    … {Interlocked.Read(ref _posted):N0} posted");
                    watch.Restart();
                }
            }
        });
        return Interlocked.Read(ref _posted);
    }

    private async Task<Wisp.Protocol.Community.CommunityMessage?> PostOnceAsync(CommunityCalls calls, string text)
    {
        var server1 = server.Server;
        var data = CommunityContent.Text(text, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), "bench", null, null, null);
        var signature = calls.Signer.KeysFor(server1).Sign(data);
        var posted = await calls.PostAsync(server1, server.Room, data, signature, CancellationToken.None);
        if (posted.Ok)
            Interlocked.Increment(ref _posted);
        return posted.Value;
    }

    private async Task<(long Seqno, long InfoUpdates)> LatestAsync(CommunityCalls calls)
    {
        var room = await calls.RoomAsync(server.Server, server.Room, CancellationToken.None);
        return room.Value is { } info ? (info.MessageSequence, info.InfoUpdates) : throw new InvalidOperationException($"The room cannot be read: {room.Error}");
    }

    private CommunityCalls Calls(Ed25519KeyPair account) =>
        new(_transport, new CommunitySigner(account, () => DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    private RoomRow Room(long seqno) =>
        new(server.Server.Base, server.Server.Key.ToHex(), server.Room, null, null, 0, 0, seqno, true, true, false, false, 0);

    private static async Task<LoadWindow> MeasureAsync(int workers, TimeSpan duration, Func<int, long, Task<bool>> call)
    {
        var warmUntil = Stopwatch.GetTimestamp() + (2 * Stopwatch.Frequency);
        var endAt = warmUntil + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long ok = 0, failed = 0;
        var latencies = new ConcurrentBag<double>();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            long n = 0;
            while (true)
            {
                var start = Stopwatch.GetTimestamp();
                if (start >= endAt) break;
                var success = await call(worker, n++);
                var end = Stopwatch.GetTimestamp();
                if (start < warmUntil) continue;
                if (success) Interlocked.Increment(ref ok); else Interlocked.Increment(ref failed);
                latencies.Add((end - start) * 1000.0 / Stopwatch.Frequency);
            }
        })));
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
        return new LoadWindow(ok, failed, duration.TotalSeconds, Percentile(0.50), Percentile(0.99));
    }
}
