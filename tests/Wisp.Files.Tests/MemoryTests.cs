using System.Net;
using System.Text.RegularExpressions;
using Wisp.Crypto.Keys;
using Wisp.Files.Tests.Support;
using Wisp.Protocol.Files;
using Wisp.Testing;

namespace Wisp.Files.Tests;

/// <summary>
/// Chunks are streamed, never held: a <c>wisp files run</c> process that takes 384 MiB of chunks, sixteen at a time,
/// and gives them back, peaks (VmHWM) at about 90 MiB on this machine. The 160 MiB bound fails a server that keeps
/// chunks in memory, and one that reads each of sixteen concurrent 4 MiB bodies whole (+128 MiB at least, over a
/// baseline near 70 MiB).
/// </summary>
public sealed partial class MemoryTests
{
    private const int Chunks = 96;
    private const int Parallel = 16;

    [Fact]
    public async Task A_server_taking_384_MiB_of_chunks_sixteen_at_a_time_peaks_below_160_MiB()
    {
        if (!OperatingSystem.IsLinux()) Assert.Skip("VmHWM is read from /proc.");
        var token = TestContext.Current.CancellationToken;
        using var directory = new TempDirectory();
        using var process = WispProcess.Start("files", "run", "--data", directory.Path, "--port", "0", "--json");
        var url = (await process.ReadJsonLineAsync()).GetProperty("url").GetString()!;
        using var uploader = Ed25519KeyPair.Generate();
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        // One random chunk, varied per upload by its first 8 bytes: the test itself holds 4 MiB per worker.
        var template = Bytes.Random(FileLimits.ChunkBytes);

        await System.Threading.Tasks.Parallel.ForAsync(0, Chunks, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = token }, async (i, ct) =>
        {
            var chunk = (byte[])template.Clone();
            BitConverter.TryWriteBytes(chunk, (long)i);
            var path = FileRoutes.Chunk(ChunkHash.Of(chunk));
            using var put = new HttpRequestMessage(HttpMethod.Put, path) { Content = new ByteArrayContent(chunk) };
            foreach (var (name, value) in UploaderSignature.Headers(uploader, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "PUT", path))
                put.Headers.Add(name, value);
            using (var stored = await http.SendAsync(put, ct))
                Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
            using var back = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
            await (await back.Content.ReadAsStreamAsync(ct)).CopyToAsync(Stream.Null, ct);
        });

        var peak = PeakBytes(process.Id);
        TestContext.Current.TestOutputHelper?.WriteLine($"file server peak RSS after {Chunks * 4} MiB in and out: {peak / (1024 * 1024)} MiB");
        Assert.InRange(peak, 1, 160L * 1024 * 1024);
        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    private static long PeakBytes(int pid)
    {
        var status = File.ReadAllText($"/proc/{pid}/status");
        var match = HighWaterMark().Match(status);
        Assert.True(match.Success, "no VmHWM in /proc/PID/status");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    [GeneratedRegex(@"VmHWM:\s+(\d+) kB")]
    private static partial Regex HighWaterMark();
}
