using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Wisp.Bench.Network;
using Wisp.Client.Attachments;
using Wisp.Client.Paths;
using Wisp.Client.Swarm;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Streams;
using Wisp.Network.Local;
using Wisp.Network.Registry;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Files;

namespace Wisp.Bench.Files;

/// <summary>
/// A file (1 GiB by default) sent to and fetched from the network's file server (<c>wisp up</c>: node processes and
/// <c>wisp files run</c>): straight over HTTP, then through 3-hop onion paths with N = 1, 2, 4 parallel paths; beside
/// the raw secretstream rate and one node's relay ceiling (4 MiB requests through a 1-hop path to the same server)
/// measured in the same run; each phase's peak RSS of the client (this process), the file server and the busiest relay.
/// Every download is checked: digest, then the bytes equal to the source.
/// </summary>
internal static class FilesBench
{
    public static int Run(string[] args)
    {
        var size = 1L << 30;
        var nodes = 10;
        int[] paths = [1, 2, 4];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--mib": size = long.Parse(args[i + 1], CultureInfo.InvariantCulture) << 20; break;
                case "--nodes": nodes = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--paths": paths = [.. args[i + 1].Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture))]; break;
                default: Console.Error.WriteLine($"Unknown option {args[i]}"); return 2;
            }
        }
        return RunAsync(size, nodes, paths).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(long size, int nodeCount, int[] parallel)
    {
        Console.WriteLine($"Files: a {size / (1 << 20)} MiB file to the file server of a {nodeCount}-node local network (wisp up) and back");
        MachineInfo.Print();
        MachineInfo.PrintLoad("before");
        var folder = Path.Combine(Path.GetTempPath(), $"wisp-bench-files-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var source = Path.Combine(folder, "source.bin");
            await WriteSourceAsync(source, size);
            Console.WriteLine($"  raw secretstream (64 KiB pieces, in memory): {RawSecretStream(256 << 20):0} MB/s");

            await using var network = await LocalNetworkUnderLoad.StartAsync(Path.Combine(folder, "network"), nodeCount, connections: 4);
            if (!LocalNetwork.TryLoad(network.Folder, out var local, out var problem)) throw new InvalidOperationException(problem);
            var server = FileServerAddress.OfLocalNetwork(network.Folder) ?? throw new InvalidOperationException("wisp up started no file server");
            var serverPid = ServerPid(network.Folder);
            var relayPids = local.ActiveNodes.Select(n => NodePid(local.DataDirectoryOf(n))).ToList();
            var memory = new PeakMemory(Environment.ProcessId, serverPid, relayPids);
            var registry = FileRegistry.Open(new FileRegistryOptions { Path = local.RegistryPath, RegistryKey = local.RegistryKey }, TimeProvider.System).Value!;
            using var swarm = SwarmClient.Create(registry, stateDirectory: null, TimeProvider.System);
            using var transport = new OnionTransport(TimeProvider.System);
            using var http = new HttpClient();

            Console.WriteLine($"  {"phase",-26} {"up MB/s",8} {"down MB/s",9} {"client MB",9} {"server MB",9} {"relay MB",8}");
            await PhaseAsync("direct HTTP, 4 at once", new DirectChunkChannels(http, TimeProvider.System), 4);
            foreach (var n in parallel)
                await PhaseAsync($"3-hop onion, N = {n}", new OnionChunkChannels(swarm.Paths, transport, swarm.Clock), n);

            memory.Reset();
            var (ceiling, refused) = await RelayCeilingAsync(swarm.Pool, transport, server, seconds: 10, workers: 4);
            var (_, s, r) = memory.Read();
            Console.WriteLine($"  {"relay ceiling, 1 hop",-26} {ceiling,8:0} {"",9} {"",9} {s,9:0} {r,8:0}   (4 MiB PUTs through one node, 4 at once, 10 s; {refused} refused)");
            MachineInfo.PrintLoad("after");
            return 0;

            async Task PhaseAsync(string name, IChunkChannels channels, int n)
            {
                memory.Reset();
                var up = Stopwatch.StartNew();
                var upload = await new AttachmentUploader(Path.Combine(folder, "up"), channels, TimeProvider.System).UploadAsync(source, server, n, null, CancellationToken.None);
                up.Stop();
                Require(upload.Ok, $"{name}: upload failed: {upload.Error}");
                var down = Stopwatch.StartNew();
                var output = Path.Combine(folder, "down");
                var download = await new AttachmentDownloader(Path.Combine(folder, "down-transfers"), channels, TimeProvider.System)
                    .DownloadAsync(upload.Attachment!, output, n, null, CancellationToken.None);
                down.Stop();
                Require(download.Ok, $"{name}: download failed: {download.Error}");
                Require(await SameAsync(source, download.Path!), $"{name}: the downloaded file differs from the source");
                File.Delete(download.Path!);
                var (c, sv, rl) = memory.Read();
                Console.WriteLine($"  {name,-26} {size / 1e6 / up.Elapsed.TotalSeconds,8:0.0} {size / 1e6 / down.Elapsed.TotalSeconds,9:0.0} {c,9:0} {sv,9:0} {rl,8:0}");
            }
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>MB/s of secretstream push over 64 KiB pieces, nothing else (no disk, no hashing).</summary>
    private static double RawSecretStream(int bytes)
    {
        var plain = new byte[AttachmentLimits.PieceBytes];
        var cipher = new byte[plain.Length + SecretStreamEncryptor.ABytes];
        using var encryptor = new SecretStreamEncryptor(SecretStreamEncryptor.GenerateKey(), new byte[SecretStreamEncryptor.HeaderBytes]);
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < bytes; done += plain.Length)
            encryptor.Push(plain, cipher, final: false);
        return bytes / 1e6 / watch.Elapsed.TotalSeconds;
    }

    /// <summary>MB/s of 4 MiB chunk PUTs relayed by one node (a 1-hop path) to the file server, <paramref name="workers"/> at once.</summary>
    private static async Task<(double Rate, int Refused)> RelayCeilingAsync(NodePool pool, OnionTransport transport, FileServerAddress server, int seconds, int workers)
    {
        using var uploader = Ed25519KeyPair.Generate();
        var chunk = Wisp.Crypto.RandomBytes.Get(AttachmentLimits.ChunkBytes);
        var hash = ChunkHash.Of(chunk);
        var node = pool.Nodes[0];
        long bytes = 0;
        var refused = 0;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            while (watch.Elapsed.TotalSeconds < seconds)
            {
                var path = FileRoutes.Chunk(hash);
                var headers = UploaderSignature.Headers(uploader, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "PUT", path).ToDictionary(h => h.Key, h => h.Value);
                using var request = OnionRequestBuilder.ForServer([node], server.ToOnionServer(), new OnionV4Request("PUT", path, headers, chunk));
                var sent = await transport.SendAsync(node, request, CancellationToken.None);
                // A busy relay may refuse (503): counted, and the loop goes on; only accepted bytes count.
                if (sent.Answered && sent.Response!.IsSuccess)
                    Interlocked.Add(ref bytes, chunk.Length);
                else
                    Interlocked.Increment(ref refused);
            }
        })));
        return (bytes / 1e6 / watch.Elapsed.TotalSeconds, refused);
    }

    private static async Task WriteSourceAsync(string path, long size)
    {
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0);
        var block = new byte[4 << 20];
        for (long done = 0; done < size; done += block.Length)
        {
            Wisp.Crypto.RandomBytes.Fill(block);
            await file.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, size - done)));
        }
    }

    private static async Task<bool> SameAsync(string a, string b)
    {
        await using var x = new FileStream(a, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        await using var y = new FileStream(b, FileMode.Open, FileAccess.Read, FileShare.Read, 0);
        if (x.Length != y.Length) return false;
        var bx = new byte[1 << 20];
        var by = new byte[1 << 20];
        int read;
        while ((read = await x.ReadAsync(bx)) > 0)
        {
            await y.ReadExactlyAsync(by.AsMemory(0, read));
            if (!bx.AsSpan(0, read).SequenceEqual(by.AsSpan(0, read))) return false;
        }
        return true;
    }

    private static int ServerPid(string networkFolder)
    {
        using var run = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(networkFolder, FileServerRunFile.LocalNetworkFolder, FileServerRunFile.FileName)));
        return run.RootElement.GetProperty("pid").GetInt32();
    }

    private static int NodePid(string dataDirectory)
    {
        using var run = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dataDirectory, "node.json")));
        return run.RootElement.GetProperty("pid").GetInt32();
    }

    private static void Require(bool condition, string what)
    {
        if (!condition) throw new InvalidOperationException($"Check failed: {what}");
    }
}
