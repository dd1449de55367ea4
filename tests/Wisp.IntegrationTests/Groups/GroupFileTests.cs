using System.Text.Json;
using Wisp.Client;
using Wisp.Client.Account;
using Wisp.Client.Attachments;
using Wisp.Client.Groups;
using Wisp.Crypto;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Groups;

/// <summary>
/// Files in a closed group on a network of real node processes and its file server (from <c>wisp up</c>): one upload
/// through onion paths, one group message carrying the pointer, and every other member downloading the same bytes.
/// </summary>
public sealed class GroupFileTests(GroupNetwork network) : IClassFixture<GroupNetwork>, IAsyncDisposable
{
    private readonly TempDirectory _home = new();
    private readonly List<WispClient> _clients = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
            await client.DisposeAsync();
        _home.Dispose();
    }

    [Fact]
    public async Task A_file_sent_to_a_group_of_three_is_uploaded_once_and_both_members_download_the_same_bytes()
    {
        var alice = Open("alice");
        var bob = Open("bob");
        var carol = Open("carol");
        var groupId = await GroupOfAsync(alice, bob, carol);
        var source = WriteFile("plans.pdf", AttachmentLimits.ChunkBytes + 777);
        var chunksBefore = ServerChunks();

        var sent = await alice.Attachments.SendFilesToGroupAsync(groupId, [source], "the plans", null, Token);
        Assert.True(sent.Ok, sent.Error);
        var upload = Assert.Single(sent.Uploads);
        Assert.Equal(0, upload.ChunksResumed);
        // One upload on the server's side: the file's chunks and its manifest, once.
        Assert.Equal(chunksBefore + upload.ChunksSent + 1, ServerChunks());
        Assert.Equal("sent", sent.Message!.Status);
        Assert.Equal("[file] plans.pdf (4.2 MB)\nthe plans", sent.Message.Body);
        Assert.Single(alice.Attachments.ForMessage(sent.Message.Id));

        foreach (var member in new[] { bob, carol })
        {
            var message = await ArrivesAsync(member, groupId, sent.Message.Body);
            var file = Assert.Single(member.Attachments.ForMessage(message.Id));
            Assert.Equal("plans.pdf", file.FileName);
            var got = await member.Attachments.DownloadAsync(file.Id, Path.Combine(_home.Path, $"{member.Profile}-downloads"), null, Token);
            Assert.True(got.Ok, got.Error);
            Assert.Equal(await File.ReadAllBytesAsync(source, Token), await File.ReadAllBytesAsync(got.Path!, Token));
        }
        // Two readers, still one upload.
        Assert.Equal(chunksBefore + upload.ChunksSent + 1, ServerChunks());
    }

    [Fact]
    public async Task Wisp_send_to_a_group_with_a_file_sends_it_and_a_member_gets_it_with_wisp_files_get()
    {
        var alice = Open("dave");
        var bob = Open("erin");
        var carol = Open("frank");
        var groupId = await GroupOfAsync(alice, bob, carol);
        var source = WriteFile("photo.jpg", 40_000);
        await alice.DisposeAsync();
        _clients.Remove(alice);

        var (code, stdout, stderr) = await WispProcess.RunAsync(Args("send", groupId, "--file", source, "a photo", "--profile", "dave"));
        Assert.True(code == 0, $"exit {code}: {stdout} {stderr}");
        Assert.Contains("sent to", stdout, StringComparison.Ordinal);

        var message = await ArrivesAsync(bob, groupId, "[file] photo.jpg (40.0 kB)\na photo");
        await bob.DisposeAsync();
        _clients.Remove(bob);
        var output = Path.Combine(_home.Path, "erin-downloads");
        (code, stdout, stderr) = await WispProcess.RunAsync(Args("files", "get", message.Id, "--out", output, "--profile", "erin", "--json"));
        Assert.True(code == 0, $"exit {code}: {stdout} {stderr}");
        var saved = JsonDocument.Parse(stdout).RootElement.GetProperty("files")[0].GetProperty("saved").GetString()!;
        Assert.Equal(await File.ReadAllBytesAsync(source, Token), await File.ReadAllBytesAsync(saved, Token));
    }

    private async Task<string> GroupOfAsync(WispClient admin, params WispClient[] members)
    {
        var created = await admin.Groups.CreateAsync("Files", [.. members.Select(m => m.AccountId)], Token);
        Assert.True(created.Ok, created.Error);
        foreach (var member in members)
        {
            await Eventually.TrueAsync(async () =>
            {
                await member.FetchAsync(Token);
                return member.Groups.Find(created.GroupId!, out _) is { Role: GroupRole.Invited };
            }, $"{member.Profile} gets the invite");
            var accepted = await member.Groups.AcceptAsync(created.GroupId!, Token);
            Assert.True(accepted.Ok, accepted.Error);
        }
        return created.GroupId!;
    }

    private static async Task<GroupMessageView> ArrivesAsync(WispClient reader, string groupId, string body)
    {
        GroupMessageView? found = null;
        await Eventually.TrueAsync(async () =>
        {
            await reader.Groups.FetchAsync(Token);
            found = reader.Groups.History(groupId).FirstOrDefault(m => !m.Outgoing && m.Body == body);
            return found is not null;
        }, $"the file's message at {reader.Profile}");
        return found!;
    }

    /// <summary>Chunks (and manifests) the network's file server holds on disk.</summary>
    private int ServerChunks()
    {
        var chunks = Path.Combine(network.Folder, "fileserver", "chunks");
        return Directory.Exists(chunks) ? Directory.GetFiles(chunks, "*", SearchOption.AllDirectories).Length : 0;
    }

    private string WriteFile(string name, int size)
    {
        var directory = Path.Combine(_home.Path, "sources");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, RandomBytes.Get(size));
        return path;
    }

    private WispClient Open(string name)
    {
        Assert.True(AccountVault.Create(WispHome.At(_home.Path), ProfileName.Parse(name), passphrase: null).TryGet(out var created, out var error), error?.Message);
        created.Dispose();
        Assert.True(AccountVault.Open(WispHome.At(_home.Path), ProfileName.Parse(name), null).TryGet(out var account, out error), error?.Message);
        var client = WispClient.Over(account, TimeProvider.System);
        Assert.True(client.ConnectLocalNetwork(network.Folder, out var connectError), connectError);
        _clients.Add(client);
        return client;
    }

    private string[] Args(params string[] args) => [.. args, "--home", _home.Path, "--network", network.Folder];
}
