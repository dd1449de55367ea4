using System.Diagnostics;
using System.Net;
using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Files.Tests.Support;
using Wisp.Node.Hosting;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Files;
using Wisp.Protocol.Servers;
using Wisp.Testing;

namespace Wisp.Files.Tests;

/// <summary>
/// The real <c>wisp</c> as a process: <c>wisp files run</c> prints its URL and key, writes them to its run file and
/// stops cleanly on SIGTERM; <c>wisp up</c> runs a file server whose run file a client finds in the network's folder,
/// and whose nodes relay onion requests to it.
/// </summary>
public sealed class ProcessTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly Dictionary<string, string> NoHeaders = [];

    [Fact]
    public async Task Files_run_prints_its_url_and_key_serves_and_stops_cleanly_on_sigterm()
    {
        using var directory = new TempDirectory();
        using var process = WispProcess.Start("files", "run", "--data", directory.Path, "--port", "0", "--json");

        var printed = await process.ReadJsonLineAsync();

        var url = printed.GetProperty("url").GetString()!;
        var run = ServerRunFile.TryParse(File.ReadAllBytes(Path.Combine(directory.Path, FileServerRunFile.FileName)));
        Assert.Equal((url, printed.GetProperty("x25519").GetString(), process.Id), (run?.Url, run?.X25519, run?.ProcessId));
        using (var http = new HttpClient())
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{url}{FileRoutes.Limits}", Token)).StatusCode);
        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync());
    }

    [Fact]
    public async Task Files_run_with_a_bad_option_says_which()
    {
        using var directory = new TempDirectory();

        var (exitCode, _, stderr) = await WispProcess.RunAsync("files", "run", "--data", directory.Path, "--port", "70000");

        Assert.Equal(2, exitCode);
        Assert.Contains("--port: 70000 is not a TCP port", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wisp_up_runs_a_file_server_its_nodes_relay_onion_requests_to()
    {
        using var folder = new TempDirectory();
        using var up = WispProcess.Start("up", "--network", folder.Path, "--nodes", "5", "--json");
        var network = await up.ReadJsonLineAsync(TimeSpan.FromMinutes(4));
        var run = ServerRunFile.TryParse(File.ReadAllBytes(Path.Combine(folder.Path, FileServerRunFile.LocalNetworkFolder, FileServerRunFile.FileName)));
        Assert.NotNull(run);
        var node = network.GetProperty("nodes")[0];
        Assert.True(NodeCertificate.TryLoad(node.GetProperty("data").GetString()!, out var certificate, out var problem), problem);
        var file = Bytes.Random(50_000);
        var serverKey = new X25519PublicKey(Convert.FromHexString(run.X25519));
        var (layer, key) = OnionToServer.ServerLayer(serverKey, new OnionV4Request("POST", FileRoutes.File, NoHeaders, file), run.Port);

        using (certificate)
        using (key)
        using (var http = new HttpClient(CertificatePin.CreateHandler(certificate)))
        {
            var guardBody = OnionToServer.ThroughNode(new X25519PublicKey(Convert.FromHexString(node.GetProperty("x25519").GetString()!)), layer);
            using var response = await http.PostAsync($"{node.GetProperty("url").GetString()}/onion_req/v2", new ByteArrayContent(guardBody), Token);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = OnionToServer.Open(key, await response.Content.ReadAsByteArrayAsync(Token));
            Assert.Equal((200, $"{{\"id\":\"{FileId.Of(file)}\"}}"), (answer.Code, Encoding.UTF8.GetString(answer.Body.Span)));
        }

        up.Terminate();
        Assert.Equal(0, await up.WaitForExitAsync());
        Assert.False(IsRunning(run.ProcessId), "the file server outlived wisp up");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
