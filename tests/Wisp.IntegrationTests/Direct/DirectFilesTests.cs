using System.Text.Json;
using Wisp.Client;
using Wisp.Client.Direct;
using Wisp.IntegrationTests.Support;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Direct;

/// <summary>
/// Files on real direct sessions (a DHT and <c>DirectEndpoint</c>s on loopback UDP, Noise, secret and reliable streams)
/// between clients of a network of real node processes: sent by the SDK or by <c>wisp send --file</c>, then read back
/// with <c>wisp files get</c> and <c>wisp history</c> in their own processes, which mark the way the file came.
/// </summary>
[Collection(SharedSevenNodes.Name)]
public sealed class DirectFilesTests(SevenNodeNetwork network) : IAsyncDisposable
{
    private readonly DirectClients _direct = new(network, firstSeed: 1100);
    private readonly TempDirectory _files = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        await _direct.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task A_file_sent_direct_is_saved_by_wisp_files_get_from_this_device_and_marked_direct()
    {
        var (alice, bob) = await _direct.PairAsync();
        var (path, bytes) = Source("report.pdf", 300_000);

        var sent = await alice.Attachments.SendFilesAsync(bob.AccountId, [path], "the report", null, Token);
        await alice.OutboxRunner.SendDueAsync(Token);

        Assert.True(sent.Ok, sent.Error);
        Assert.Equal(MessagePath.Direct, Assert.Single(sent.Uploads).Via);
        Assert.Equal(MessagePath.Direct, alice.Direct.PathOf(sent.Message!.Id));
        var received = Assert.Single(bob.Conversations.History(alice.AccountId));
        await bob.DisposeAsync(); // the profile is the CLI's now

        var output = Path.Combine(_files.Path, "out");
        var (code, stdout, stderr) = await WispProcess.RunAsync(
            _direct.Profiles.Args(["files", "get", received.Id, "--profile", "bob", "--out", output, "--json"]));
        Assert.True(code == 0, stderr);
        var file = Assert.Single(JsonDocument.Parse(stdout).RootElement.GetProperty("files").EnumerateArray());
        Assert.Equal("direct", file.GetProperty("path").GetString());
        Assert.Equal(bytes, File.ReadAllBytes(file.GetProperty("saved").GetString()!));

        var history = Assert.Single(await _direct.Profiles.HistoryJsonAsync("bob", alice.AccountId));
        Assert.Equal(["direct"], history.GetProperty("file_paths").EnumerateArray().Select(p => p.GetString()));
        (code, stdout, stderr) = await WispProcess.RunAsync(_direct.Profiles.Offline("history", alice.AccountId.Hex, "--profile", "bob"));
        Assert.True(code == 0, stderr);
        Assert.Contains("[files direct]", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wisp_send_with_a_file_sends_it_direct_to_a_running_contact_and_says_so()
    {
        var (alice, bob) = await _direct.PairAsync("cli-alice", "cli-bob");
        var (path, bytes) = Source("photo.jpg", 150_000);
        await alice.DisposeAsync(); // the profile is the CLI's now; bob keeps running, listening on the DHT

        var dht = (await _direct.DhtAsync()).SelectMany(b => new[] { "--dht-bootstrap", b }).ToArray();
        var (code, stdout, stderr) = await WispProcess.RunAsync(
            _direct.Profiles.Args(["send", bob.AccountId.Hex, "a photo", "--file", path, "--profile", "cli-alice", .. dht]));

        Assert.True(code == 0, stderr);
        Assert.Contains("photo.jpg: sent direct", stdout, StringComparison.Ordinal);
        var received = Assert.Single(bob.Conversations.History(alice.AccountId));
        Assert.Equal(MessagePath.Direct, bob.Direct.PathOf(received.Id));
        var attachment = Assert.Single(bob.Attachments.ForMessage(received.Id));
        Assert.Equal(MessagePath.Direct, bob.Attachments.ViaOf(attachment.Id));
        var got = await bob.Attachments.DownloadAsync(attachment.Id, Path.Combine(_files.Path, "bob"), null, Token);
        Assert.True(got.Ok, got.Error);
        Assert.Equal(bytes, File.ReadAllBytes(got.Path!));
    }

    private (string Path, byte[] Bytes) Source(string name, int length)
    {
        var bytes = System.Security.Cryptography.RandomNumberGenerator.GetBytes(length);
        var directory = Directory.CreateDirectory(Path.Combine(_files.Path, "sources")).FullName;
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return (path, bytes);
    }
}
