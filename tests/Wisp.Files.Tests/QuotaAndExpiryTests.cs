using Wisp.Crypto.Keys;
using Wisp.Files.Tests.Support;
using Wisp.Protocol.Files;
using Wisp.Protocol.Servers;
using static Wisp.Files.Tests.Support.TestFileServer;

namespace Wisp.Files.Tests;

/// <summary>
/// The disk limits (an uploader's quota is 413, the server's total 507, with the reason in the body) and expiry on a
/// clock the test moves: an expired file or chunk is 404 at once, and the sweep takes its bytes off the disk and gives
/// its size back.
/// </summary>
public sealed class QuotaAndExpiryTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_uploader_past_its_quota_gets_413_while_another_uploader_is_still_served()
    {
        await using var server = await TestFileServer.StartAsync(options => options with { UploaderQuotaBytes = 25_000 });
        using var greedy = Ed25519KeyPair.Generate();
        using var other = Ed25519KeyPair.Generate();
        Assert.Equal(200, (await ReadAsync(await server.PutChunkAsync(Bytes.Random(20_000), greedy))).Status);

        var (status, body) = await ReadAsync(await server.PutChunkAsync(Bytes.Random(10_000), greedy));
        var (otherStatus, _) = await ReadAsync(await server.PutChunkAsync(Bytes.Random(10_000), other));

        Assert.Equal(413, status);
        Assert.Equal("this uploader's quota of 25000 bytes is used up", Json(body, FileServerJsonContext.Default.FileServerError).Error);
        Assert.Equal(200, otherStatus);
    }

    [Fact]
    public async Task A_full_server_answers_507_to_any_uploader()
    {
        await using var server = await TestFileServer.StartAsync(options => options with { MaxDiskBytes = 25_000 });
        using var first = Ed25519KeyPair.Generate();
        using var second = Ed25519KeyPair.Generate();
        Assert.Equal(200, (await ReadAsync(await server.PutChunkAsync(Bytes.Random(20_000), first))).Status);

        var (status, body) = await ReadAsync(await server.PutChunkAsync(Bytes.Random(10_000), second));

        Assert.Equal((507, "{\"status_code\":507,\"error\":\"the file server is full\"}"), (status, body));
    }

    [Fact]
    public async Task Re_uploading_a_stored_chunk_is_not_counted_twice_against_the_quota()
    {
        await using var server = await TestFileServer.StartAsync(options => options with { UploaderQuotaBytes = 25_000 });
        using var uploader = Ed25519KeyPair.Generate();
        var chunk = Bytes.Random(20_000);
        Assert.Equal(200, (await ReadAsync(await server.PutChunkAsync(chunk, uploader))).Status);

        Assert.Equal(200, (await ReadAsync(await server.PutChunkAsync(chunk, uploader))).Status);
    }

    [Fact]
    public async Task A_chunk_past_its_expiry_is_gone_and_the_sweep_frees_its_disk_and_quota()
    {
        await using var server = await TestFileServer.StartAsync(options => options with { UploaderQuotaBytes = 25_000 });
        using var uploader = Ed25519KeyPair.Generate();
        var chunk = Bytes.Random(20_000);
        var hash = ChunkHash.Of(chunk);
        Assert.Equal(200, (await ReadAsync(await server.PutChunkAsync(chunk, uploader))).Status);
        var onDisk = Path.Combine(server.DataDirectory, "chunks", hash[..2], hash);
        Assert.True(File.Exists(onDisk));

        server.Clock.Advance(TimeSpan.FromDays(14) + TimeSpan.FromSeconds(1));

        Assert.Equal(404, (await ReadAsync(await server.Http.GetAsync(FileRoutes.Chunk(hash), Token))).Status);
        Assert.Equal(1, await server.Server.SweepAsync(Token));
        Assert.False(File.Exists(onDisk));
        // The quota is free again: a new 20,000-byte chunk fits.
        Assert.Equal(200, (await ReadAsync(await server.PutChunkAsync(Bytes.Random(20_000), uploader))).Status);
    }

    [Fact]
    public async Task A_file_past_its_expiry_is_404_and_swept_while_a_fresh_one_stays()
    {
        await using var server = await TestFileServer.StartAsync(options => options with { Expiry = TimeSpan.FromDays(2) });
        var old = Json((await ReadAsync(await server.Http.PostAsync(FileRoutes.File, new ByteArrayContent(Bytes.Random(500)), Token))).Body,
            FileServerJsonContext.Default.FileUploaded).Id;
        server.Clock.Advance(TimeSpan.FromDays(1));
        var fresh = Json((await ReadAsync(await server.Http.PostAsync(FileRoutes.File, new ByteArrayContent(Bytes.Random(500)), Token))).Body,
            FileServerJsonContext.Default.FileUploaded).Id;

        server.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        Assert.Equal((404, "{\"status_code\":404}"), await ReadAsync(await server.Http.GetAsync(FileRoutes.FileById(old), Token)));
        Assert.Equal(404, (await ReadAsync(await server.Http.GetAsync(FileRoutes.FileInfo(old), Token))).Status);
        Assert.Equal(1, await server.Server.SweepAsync(Token));
        Assert.False(File.Exists(Path.Combine(server.DataDirectory, "files", old)));
        Assert.Equal(200, (await ReadAsync(await server.Http.GetAsync(FileRoutes.FileById(fresh), Token))).Status);
    }

    [Fact]
    public async Task The_cleanup_loop_deletes_expired_bytes_on_its_own()
    {
        await using var server = await TestFileServer.StartAsync(options => options with { CleanupInterval = TimeSpan.FromMilliseconds(200) });
        var id = Json((await ReadAsync(await server.Http.PostAsync(FileRoutes.File, new ByteArrayContent(Bytes.Random(500)), Token))).Body,
            FileServerJsonContext.Default.FileUploaded).Id;
        var onDisk = Path.Combine(server.DataDirectory, "files", id);
        Assert.True(File.Exists(onDisk));

        server.Clock.Advance(TimeSpan.FromDays(15));

        await Wisp.Testing.Eventually.TrueAsync(() => Task.FromResult(!File.Exists(onDisk)), "the sweep deletes the expired file", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task The_index_and_bytes_survive_a_restart_with_the_same_key()
    {
        using var directory = new Wisp.Testing.TempDirectory();
        var file = Bytes.Random(777);
        string id;
        string key;
        await using (var first = await TestFileServer.StartAsync(options => options with { DataDirectory = directory.Path }))
        {
            id = Json((await ReadAsync(await first.Http.PostAsync(FileRoutes.File, new ByteArrayContent(file), Token))).Body,
                FileServerJsonContext.Default.FileUploaded).Id;
            key = first.Server.PublicKey.ToHex();
        }

        await using var second = await TestFileServer.StartAsync(options => options with { DataDirectory = directory.Path });

        Assert.Equal(key, second.Server.PublicKey.ToHex());
        using var download = await second.Http.GetAsync(FileRoutes.FileById(id), Token);
        Assert.Equal(file, await download.Content.ReadAsByteArrayAsync(Token));
        var run = ServerRunFile.TryParse(File.ReadAllBytes(Path.Combine(directory.Path, FileServerRunFile.FileName)));
        Assert.Equal((second.Server.Url, key), (run?.Url, run?.X25519));
    }
}
