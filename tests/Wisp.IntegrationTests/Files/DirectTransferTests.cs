using System.Text.Json;
using Wisp.Client.Attachments;
using Wisp.Crypto;
using Wisp.Files;
using Wisp.Files.Hosting;
using Wisp.Protocol.Files;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Files;

/// <summary>
/// Uploads and downloads against a real file server (Kestrel on loopback, in this process) straight over HTTP: the
/// chunking, resume records, content addressing and digest check, without onion paths (those are in
/// OnionTransferTests).
/// </summary>
public sealed class DirectTransferTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly HttpClient _http = new();
    private WispFileServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await WispFileServer.StartAsync(new FileServerOptions { DataDirectory = Path.Combine(_dir.Path, "server"), Port = 0 }, Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _http.Dispose();
        _dir.Dispose();
    }

    private FileServerAddress Server => new(new Uri(_server.Url), _server.PublicKey);

    private DirectChunkChannels Channels => new(_http, TimeProvider.System);

    private string Transfers(string who) => Path.Combine(_dir.Path, who, "transfers");

    private string WriteFile(string name, int size)
    {
        Directory.CreateDirectory(_dir.Path);
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllBytes(path, RandomBytes.Get(size));
        return path;
    }

    private async Task<double> UploadedAtAsync(string hash)
    {
        using var response = await _http.GetAsync(new Uri(new Uri(_server.Url), FileRoutes.ChunkInfo(hash)), Token);
        Assert.True(response.IsSuccessStatusCode, $"chunk {hash} is on the server");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("uploaded").GetDouble();
    }

    [Fact]
    public async Task A_file_sent_in_chunks_comes_back_identical_with_its_digest_checked()
    {
        var source = WriteFile("photo.jpg", (2 * AttachmentLimits.ChunkBytes) + 777);
        var upload = await new AttachmentUploader(Transfers("alice"), Channels, TimeProvider.System).UploadAsync(source, Server, 3, null, Token);
        Assert.True(upload.Ok, upload.Error);
        Assert.Equal(3, upload.ChunksSent);
        Assert.Equal("image/jpeg", upload.Attachment!.ContentType);
        Assert.Empty(Directory.GetFiles(Transfers("alice")));

        var output = Path.Combine(_dir.Path, "bob-downloads");
        var download = await new AttachmentDownloader(Transfers("bob"), Channels, TimeProvider.System).DownloadAsync(upload.Attachment, output, 3, null, Token);
        Assert.True(download.Ok, download.Error);
        Assert.Equal(Path.Combine(output, "photo.jpg"), download.Path);
        Assert.Equal(await File.ReadAllBytesAsync(source, Token), await File.ReadAllBytesAsync(download.Path!, Token));
    }

    [Fact]
    public async Task A_wrong_digest_in_the_message_is_refused_and_nothing_is_written()
    {
        var source = WriteFile("notes.txt", 5000);
        var upload = await new AttachmentUploader(Transfers("alice"), Channels, TimeProvider.System).UploadAsync(source, Server, 1, null, Token);
        Assert.True(upload.Ok, upload.Error);
        var digest = (byte[])upload.Attachment!.Digest.Clone();
        digest[5] ^= 1;
        var output = Path.Combine(_dir.Path, "bob-downloads");
        var download = await new AttachmentDownloader(Transfers("bob"), Channels, TimeProvider.System)
            .DownloadAsync(upload.Attachment with { Digest = digest }, output, 1, null, Token);
        Assert.False(download.Ok);
        Assert.Contains("digest", download.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(output));
    }

    [Fact]
    public async Task A_corrupted_chunk_on_the_server_is_refused()
    {
        var source = WriteFile("data.bin", AttachmentLimits.ChunkBytes + 10);
        var upload = await new AttachmentUploader(Transfers("alice"), Channels, TimeProvider.System).UploadAsync(source, Server, 2, null, Token);
        Assert.True(upload.Ok, upload.Error);
        // Flip one byte of every stored chunk file but the manifest (the smallest): the server now serves bytes that are not their address.
        var blobs = Directory.GetFiles(Path.Combine(_dir.Path, "server"), "*", SearchOption.AllDirectories)
            .Where(f => new System.IO.FileInfo(f).Length >= AttachmentLimits.ChunkBytes / 2).ToList();
        Assert.NotEmpty(blobs);
        foreach (var blob in blobs)
        {
            await using var file = new FileStream(blob, FileMode.Open, FileAccess.ReadWrite);
            file.Position = 1000;
            var b = file.ReadByte();
            file.Position = 1000;
            file.WriteByte((byte)(b ^ 0xFF));
        }
        var output = Path.Combine(_dir.Path, "bob-downloads");
        var download = await new AttachmentDownloader(Transfers("bob"), Channels, TimeProvider.System).DownloadAsync(upload.Attachment!, output, 2, null, Token);
        Assert.False(download.Ok);
        Assert.Contains("Corrupted", download.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "data.bin")));
    }

    [Fact]
    public async Task An_interrupted_upload_resumes_without_sending_acknowledged_chunks_again()
    {
        var source = WriteFile("big.bin", (5 * AttachmentLimits.ChunkBytes) + 1);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var progress = new SyncProgress(p =>
        {
            if (p.DoneBytes >= 2L * AttachmentLimits.ChunkBytes) interrupt.Cancel();
        });
        var uploader = new AttachmentUploader(Transfers("alice"), Channels, TimeProvider.System);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => uploader.UploadAsync(source, Server, 1, progress, interrupt.Token));

        // The record says which chunks the server acknowledged; the server says when it got each.
        var record = TransferRecord.Load(Directory.GetFiles(Transfers("alice"), "*.json").Single())!;
        Assert.InRange(record.Done.Count, 2, 5);
        var before = new Dictionary<string, double>();
        foreach (var index in record.Done)
            before[record.Chunks[index]] = await UploadedAtAsync(record.Chunks[index]);
        await Task.Delay(50, Token); // the server's clock must move for a second upload to show

        var resumed = await new AttachmentUploader(Transfers("alice"), Channels, TimeProvider.System).UploadAsync(source, Server, 2, null, Token);
        Assert.True(resumed.Ok, resumed.Error);
        Assert.Equal(record.Done.Count, resumed.ChunksResumed);
        Assert.Equal(6 - record.Done.Count, resumed.ChunksSent);
        foreach (var (hash, uploaded) in before)
            Assert.Equal(uploaded, await UploadedAtAsync(hash));

        var download = await new AttachmentDownloader(Transfers("bob"), Channels, TimeProvider.System)
            .DownloadAsync(resumed.Attachment!, Path.Combine(_dir.Path, "out"), 2, null, Token);
        Assert.True(download.Ok, download.Error);
        Assert.Equal(await File.ReadAllBytesAsync(source, Token), await File.ReadAllBytesAsync(download.Path!, Token));
    }

    [Fact]
    public async Task An_interrupted_download_resumes_from_the_chunks_on_disk()
    {
        var source = WriteFile("movie.mp4", (4 * AttachmentLimits.ChunkBytes) + 3);
        var upload = await new AttachmentUploader(Transfers("alice"), Channels, TimeProvider.System).UploadAsync(source, Server, 2, null, Token);
        Assert.True(upload.Ok, upload.Error);
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var progress = new SyncProgress(p =>
        {
            if (p.DoneBytes >= 2L * AttachmentLimits.ChunkBytes) interrupt.Cancel();
        });
        var output = Path.Combine(_dir.Path, "out");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new AttachmentDownloader(Transfers("bob"), Channels, TimeProvider.System).DownloadAsync(upload.Attachment!, output, 1, progress, interrupt.Token));
        Assert.False(File.Exists(Path.Combine(output, "movie.mp4")));

        var download = await new AttachmentDownloader(Transfers("bob"), Channels, TimeProvider.System).DownloadAsync(upload.Attachment!, output, 2, null, Token);
        Assert.True(download.Ok, download.Error);
        Assert.InRange(download.ChunksResumed, 2, 5);
        Assert.Equal(5 - download.ChunksResumed, download.ChunksFetched);
        Assert.Equal(await File.ReadAllBytesAsync(source, Token), await File.ReadAllBytesAsync(download.Path!, Token));
    }

    /// <summary>Progress reported on the reporting thread (Progress&lt;T&gt; would post it later, to the thread pool).</summary>
    private sealed class SyncProgress(Action<TransferProgress> report) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => report(value);
    }
}
