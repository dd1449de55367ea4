using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Wisp.Bench.Storage;
using Wisp.Client.Communities;
using Wisp.Crypto.Keys;

namespace Wisp.Bench.Communities;

/// <summary>
/// The community server (<c>wisp community run</c>, a real process on loopback) under Session-shaped load from this
/// process, straight over HTTP (no onion paths, so the server is what is measured): posts per second one room accepts
/// (each a signed, padded Content protobuf from one of 16 posters, as Session posts); <c>/batch</c> since-polls per
/// second answered with 1,000 idle pollers (pollInfo + messages since + inbox + outbox, each poller its own blinded
/// account, nothing new); the server's resident memory with 100,000 messages in the room, and its database's size.
/// Checked first: a post comes back from a poll with its text and a valid signature.
/// </summary>
internal static class CommunityBench
{
    public const string Usage = "[--seconds 10] [--posters 16] [--pollers 1000] [--connections 32] [--messages 100000]";

    public static int Run(string[] args)
    {
        var values = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["--seconds"] = 10,
            ["--posters"] = 16,
            ["--pollers"] = 1000,
            ["--connections"] = 32,
            ["--messages"] = 100_000,
        };
        for (var i = 0; i < args.Length; i++)
        {
            if (!values.ContainsKey(args[i]) || i + 1 >= args.Length || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) || value <= 0)
            {
                Console.Error.WriteLine($"communities: unknown option or bad value at '{args[i]}'; usage: communities {Usage}");
                return 2;
            }
            values[args[i++]] = value;
        }
        return RunAsync(values["--seconds"], values["--posters"], values["--pollers"], values["--connections"], values["--messages"])
            .GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(int seconds, int posterCount, int pollerCount, int connections, int messages)
    {
        Console.WriteLine($"Communities: one room of a wisp community run process on 127.0.0.1; {posterCount} posters, {pollerCount} idle pollers, {connections} connections, {seconds} s windows");
        var folder = Path.Combine(Path.GetTempPath(), $"wisp-bench-community-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var posters = Enumerable.Range(0, posterCount).Select(_ => Ed25519KeyPair.Generate()).ToList();
        try
        {
            await using var server = await CommunityServerProcess.StartAsync(folder, posters);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections * 2 });
            var room = server.Room;

            var load = new CommunityLoad(server, http);
            await load.CheckAsync(posters[0]);
            Console.WriteLine("  check: a post comes back from a /batch poll with its text and a valid blinded signature");

            var postRate = await load.PostRateAsync(posters, TimeSpan.FromSeconds(seconds));
            Console.WriteLine($"  posts accepted: {postRate.Rate:0} /s ({postRate.Count} in {postRate.Seconds:0.0} s, {postRate.Failures} refused), p50 {postRate.P50Ms:0.0} ms, p99 {postRate.P99Ms:0.0} ms");

            var pollers = Enumerable.Range(0, pollerCount).Select(_ => Ed25519KeyPair.Generate()).ToList();
            var polls = await load.PollRateAsync(pollers, connections, TimeSpan.FromSeconds(seconds));
            Console.WriteLine($"  since-polls answered ({pollerCount} idle pollers, /batch of 4): {polls.Rate:0} /s, p50 {polls.P50Ms:0.0} ms, p99 {polls.P99Ms:0.0} ms, {polls.Failures} failed");
            Console.WriteLine($"  server RSS now: {server.ResidentMb():0} MB");

            var filled = await load.FillAsync(posters, messages);
            Console.WriteLine($"  filled the room to {filled:N0} messages");
            await load.PollRateAsync(pollers.Take(100).ToList(), connections, TimeSpan.FromSeconds(2)); // settle
            GC.Collect();
            var rss = server.ResidentMb();
            Console.WriteLine($"  server RSS with {filled:N0} messages: {rss:0} MB (peak {server.PeakMb():0} MB); database {server.DatabaseMb():0} MB on disk");
            var pollsFull = await load.PollRateAsync(pollers, connections, TimeSpan.FromSeconds(seconds));
            Console.WriteLine($"  since-polls answered with {filled:N0} in the room: {pollsFull.Rate:0} /s, p50 {pollsFull.P50Ms:0.0} ms, p99 {pollsFull.P99Ms:0.0} ms");
            foreach (var poller in pollers) poller.Dispose();
            return 0;
        }
        finally
        {
            foreach (var poster in posters) poster.Dispose();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
