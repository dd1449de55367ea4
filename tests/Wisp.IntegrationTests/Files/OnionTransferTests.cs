using System.Text.Json;
using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Client.Attachments;
using Wisp.Client.Conversations;
using Wisp.Crypto;
using Wisp.Crypto.Keys;
using Wisp.IntegrationTests.Support;
using Wisp.Protocol.Files;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Files;

/// <summary>The network the file tests share: <c>wisp up</c> with 10 node processes and its file server.</summary>
public sealed class FilesNetwork : LocalNetworkFixture
{
    protected override int NodeCount => 10;
}

/// <summary>
/// Files between two accounts through 3-hop onion paths to the network's file server (all real processes from
/// <c>wisp up</c>): sent in a message, fetched, digest checked; an upload killed with the client and resumed without
/// sending acknowledged chunks again (the server's upload times say so); a path node killed mid-transfer.
/// </summary>
public sealed class OnionTransferTests(FilesNetwork network) : IClassFixture<FilesNetwork>, IAsyncDisposable
{
    private readonly TempDirectory _home = new();
    private readonly List<WispClient> _clients = [];
    private readonly HttpClient _http = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        _http.Dispose();
        _home.Dispose();
    }

    [Fact]
    public async Task A_message_with_two_files_and_a_caption_arrives_and_both_files_download_identical()
    {
        var alice = Open("alice");
        var bob = Open("bob");
        var big = WriteFile("report.pdf", (2 * AttachmentLimits.ChunkBytes) + 12_345);
        var small = WriteFile("note.txt", 300);

        var sent = await alice.Attachments.SendFilesAsync(bob.AccountId, [big, small], "two files", null, Token);
        Assert.True(sent.Ok, sent.Error);
        Assert.Equal(2, alice.Attachments.ForMessage(sent.Message!.Id).Count);
        await alice.OutboxRunner.SendDueAsync(Token);

        Assert.Null(await bob.FetchAsync(Token));
        var message = Assert.Single(bob.Conversations.History(alice.AccountId));
        Assert.Equal($"[file] report.pdf (8.4 MB)\n[file] note.txt (300 B)\ntwo files", message.Body);
        var files = bob.Attachments.ForMessage(message.Id);
        Assert.Equal(["report.pdf", "note.txt"], files.Select(f => f.FileName));
        Assert.Equal("application/pdf", files[0].ContentType);

        var output = Path.Combine(_home.Path, "bob-downloads");
        foreach (var (file, source) in files.Zip([big, small]))
        {
            var got = await bob.Attachments.DownloadAsync(file.Id, output, null, Token);
            Assert.True(got.Ok, got.Error);
            Assert.Equal(await File.ReadAllBytesAsync(source, Token), await File.ReadAllBytesAsync(got.Path!, Token));
            Assert.Equal(AttachmentState.Saved, bob.Attachments.Find(file.Id)!.State);
        }
    }

    [Fact]
    public async Task An_upload_killed_with_its_process_resumes_on_rerun_without_resending_acknowledged_chunks()
    {
        var alice = NewAccount("carol");
        var bob = NewAccount("dave");
        var source = WriteFile("archive.zip", (6 * AttachmentLimits.ChunkBytes) + 1);
        var transfers = Path.Combine(_home.Path, "profiles", "carol", "transfers");

        using (var first = WispProcess.Start(Args("send", bob.Hex, "--file", source, "--profile", "carol")))
        {
            await Eventually.TrueAsync(() => Task.FromResult(AcknowledgedChunks(transfers) >= 2), "two chunks acknowledged", TimeSpan.FromSeconds(120));
            first.KillHard();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }
        var record = TransferRecord.Load(Directory.GetFiles(transfers, "*.json").Single())!;
        Assert.InRange(record.Done.Count, 2, 6);
        var before = new Dictionary<string, double>();
        foreach (var index in record.Done)
            before[record.Chunks[index]] = await UploadedAtAsync(record.Chunks[index]);

        var (code, stdout, stderr) = await WispProcess.RunAsync(Args("send", bob.Hex, "--file", source, "--profile", "carol"));
        Assert.True(code == 0, $"exit {code}: {stdout} {stderr}");
        Assert.Contains("resumed", stderr, StringComparison.Ordinal);
        foreach (var (hash, uploaded) in before)
            Assert.Equal(uploaded, await UploadedAtAsync(hash));

        (code, stdout, stderr) = await WispProcess.RunAsync(Args("inbox", "--profile", "dave", "--json"));
        Assert.True(code == 0, stderr);
        var receiver = Open("dave", create: false);
        Assert.Null(await receiver.FetchAsync(Token));
        var message = Assert.Single(receiver.Conversations.History(alice));
        var output = Path.Combine(_home.Path, "dave-downloads");
        (code, stdout, stderr) = await WispProcess.RunAsync(Args("files", "get", message.Id, "--out", output, "--profile", "dave", "--json"));
        Assert.True(code == 0, $"exit {code}: {stdout} {stderr}");
        var saved = JsonDocument.Parse(stdout).RootElement.GetProperty("files")[0].GetProperty("saved").GetString()!;
        Assert.Equal(await File.ReadAllBytesAsync(source, Token), await File.ReadAllBytesAsync(saved, Token));
    }

    [Fact]
    public async Task A_path_node_killed_mid_upload_costs_a_retry_on_another_path_not_the_transfer()
    {
        var alice = Open("erin");
        var bob = Open("frank");
        var source = WriteFile("video.mp4", (8 * AttachmentLimits.ChunkBytes) + 5);
        NetworkNode? killed = null;
        var progress = new SyncProgress(p =>
        {
            if (killed is not null || p.DoneBytes < 2L * AttachmentLimits.ChunkBytes) return;
            // A relay (not a guard: those are the client's long-lived choice) of a path the transfer is using.
            var relays = alice.Network.View()?.Path.Where(h => h.Role == Client.Front.PathRole.Relay).ToList();
            if (relays is not { Count: > 0 }) return;
            killed = network.NodeByKey(relays[^1].Ed25519);
            network.KillHard(killed);
        });
        alice.Attachments.ParallelPaths = 2;
        var sent = await alice.Attachments.SendFilesAsync(bob.AccountId, [source], null, progress, Token);
        Assert.True(sent.Ok, sent.Error);
        Assert.NotNull(killed);
        await network.RestartAsync(killed!);

        await alice.OutboxRunner.SendDueAsync(Token);
        Assert.Null(await bob.FetchAsync(Token));
        var file = Assert.Single(bob.Attachments.ForMessage(Assert.Single(bob.Conversations.History(alice.AccountId)).Id));
        var got = await bob.Attachments.DownloadAsync(file.Id, Path.Combine(_home.Path, "frank-downloads"), null, Token);
        Assert.True(got.Ok, got.Error);
        Assert.Equal(await File.ReadAllBytesAsync(source, Token), await File.ReadAllBytesAsync(got.Path!, Token));
    }

    [Fact]
    public async Task A_profile_picture_uploaded_once_goes_with_messages_and_the_peer_shows_it()
    {
        var alice = Open("grace");
        var bob = Open("heidi");
        var image = WriteFile("me.png", 50_000);
        Assert.Null(await alice.Attachments.SetProfilePictureAsync(alice.AccountId, image, Token));
        Assert.True(alice.Attachments.HasProfilePicture(alice.AccountId));

        Assert.NotNull(alice.Conversations.Send(bob.AccountId, "hello", "Grace", out _));
        await alice.OutboxRunner.SendDueAsync(Token);
        Assert.False(bob.Attachments.HasProfilePicture(alice.AccountId));
        Assert.Null(await bob.FetchAsync(Token));
        Assert.True(bob.Attachments.HasProfilePicture(alice.AccountId));
        var (shown, error) = await bob.Attachments.ProfilePictureAsync(alice.AccountId, Token);
        Assert.True(shown is not null, error);
        Assert.Equal(await File.ReadAllBytesAsync(image, Token), shown);
    }

    private static int AcknowledgedChunks(string transfers) =>
        Directory.Exists(transfers) ? Directory.GetFiles(transfers, "*.json").Select(TransferRecord.Load).Sum(r => r?.Done.Count ?? 0) : 0;

    private async Task<double> UploadedAtAsync(string hash)
    {
        var server = FileServerAddress.OfLocalNetwork(network.Folder)!;
        using var response = await _http.GetAsync(new Uri(server.BaseUrl, FileRoutes.ChunkInfo(hash)), Token);
        Assert.True(response.IsSuccessStatusCode, $"chunk {hash} is on the server");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("uploaded").GetDouble();
    }

    private string WriteFile(string name, int size)
    {
        var directory = Path.Combine(_home.Path, "sources");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, RandomBytes.Get(size));
        return path;
    }

    private AccountId NewAccount(string name)
    {
        Assert.True(AccountVault.Create(WispHome.At(_home.Path), ProfileName.Parse(name), passphrase: null).TryGet(out var created, out var error), error?.Message);
        using (created)
            return created.Account.AccountId;
    }

    private WispClient Open(string name, bool create = true)
    {
        if (create)
            NewAccount(name);
        Assert.True(AccountVault.Open(WispHome.At(_home.Path), ProfileName.Parse(name), null).TryGet(out var account, out var error), error?.Message);
        var client = WispClient.Over(account, TimeProvider.System);
        Assert.True(client.ConnectLocalNetwork(network.Folder, out var connectError), connectError);
        _clients.Add(client);
        return client;
    }

    private string[] Args(params string[] args) => [.. args, "--home", _home.Path, "--network", network.Folder];

    private sealed class SyncProgress(Action<TransferProgress> report) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => report(value);
    }
}
