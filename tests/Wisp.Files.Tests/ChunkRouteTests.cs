using System.Net.Http.Json;
using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Files.Tests.Support;
using Wisp.Protocol.Files;
using static Wisp.Files.Tests.Support.TestFileServer;

namespace Wisp.Files.Tests;

/// <summary>
/// Wisp's chunks on a real server: stored only under their own BLAKE2b-256, signed by an uploader, re-uploads extend,
/// <c>/chunks/have</c> tells a resuming client what is there, and each error has its status and sentence.
/// </summary>
public sealed class ChunkRouteTests : IAsyncLifetime
{
    private TestFileServer _server = null!;
    private readonly Ed25519KeyPair _uploader = Ed25519KeyPair.Generate();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await TestFileServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _uploader.Dispose();
    }

    [Fact]
    public async Task A_chunk_is_stored_under_its_hash_and_read_back()
    {
        var chunk = Bytes.Random(FileLimits.ChunkBytes);
        var hash = ChunkHash.Of(chunk);

        var (status, body) = await ReadAsync(await _server.PutChunkAsync(chunk, _uploader));

        Assert.Equal(200, status);
        var stored = Json(body, FileServerJsonContext.Default.ChunkStored);
        Assert.Equal((hash, (long)chunk.Length, true), (stored.Hash, stored.Size, stored.Created));
        Assert.Equal(stored.Uploaded + TimeSpan.FromDays(14).TotalSeconds, stored.Expires, 3);
        using var download = await _server.Http.GetAsync(FileRoutes.Chunk(hash), Token);
        Assert.Equal(200, (int)download.StatusCode);
        Assert.Equal(chunk, await download.Content.ReadAsByteArrayAsync(Token));
        var info = Json((await ReadAsync(await _server.Http.GetAsync(FileRoutes.ChunkInfo(hash), Token))).Body, FileServerJsonContext.Default.FileInfo);
        Assert.Equal(chunk.Length, info.Size);
    }

    [Fact]
    public async Task A_corrupted_chunk_is_refused_and_not_stored()
    {
        var chunk = Bytes.Random(100_000);
        var hash = ChunkHash.Of(chunk);
        var corrupted = (byte[])chunk.Clone();
        corrupted[50_000] ^= 1;

        var (status, body) = await ReadAsync(await _server.PutChunkAsync(corrupted, _uploader, hash));

        Assert.Equal(400, status);
        var error = Json(body, FileServerJsonContext.Default.FileServerError);
        Assert.Equal((400, $"the chunk's BLAKE2b-256 is {ChunkHash.Of(corrupted)}, not the hash in its path"), (error.StatusCode, error.Error));
        Assert.Equal(404, (await ReadAsync(await _server.Http.GetAsync(FileRoutes.Chunk(hash), Token))).Status);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_server.DataDirectory, "chunks"), "*", SearchOption.AllDirectories));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_server.DataDirectory, "tmp")));
    }

    [Fact]
    public async Task Uploading_a_stored_chunk_again_extends_its_expiry_without_storing_it_twice()
    {
        var chunk = Bytes.Random(10_000);
        var first = Json((await ReadAsync(await _server.PutChunkAsync(chunk, _uploader))).Body, FileServerJsonContext.Default.ChunkStored);
        _server.Clock.Advance(TimeSpan.FromDays(10));

        var (status, body) = await ReadAsync(await _server.PutChunkAsync(chunk, _uploader));
        _server.Clock.Advance(TimeSpan.FromDays(10));

        Assert.Equal(200, status);
        var second = Json(body, FileServerJsonContext.Default.ChunkStored);
        Assert.False(second.Created);
        Assert.Equal(first.Expires + TimeSpan.FromDays(10).TotalSeconds, second.Expires, 3);
        Assert.Equal(200, (await ReadAsync(await _server.Http.GetAsync(FileRoutes.Chunk(first.Hash), Token))).Status);
    }

    [Fact]
    public async Task Have_names_the_stored_chunks_in_the_order_asked()
    {
        var a = Bytes.Random(1000);
        var b = Bytes.Random(1000);
        var missing = ChunkHash.Of(Bytes.Random(1000));
        await ReadAsync(await _server.PutChunkAsync(a, _uploader));
        await ReadAsync(await _server.PutChunkAsync(b, _uploader));

        var (status, body) = await ReadAsync(await _server.Http.PostAsJsonAsync(FileRoutes.ChunksHave,
            new ChunkHaveRequest([ChunkHash.Of(b), missing, ChunkHash.Of(a)]), FileServerJsonContext.Default.ChunkHaveRequest, Token));

        Assert.Equal(200, status);
        Assert.Equal([ChunkHash.Of(b), ChunkHash.Of(a)], Json(body, FileServerJsonContext.Default.ChunkHaveResponse).Have);
    }

    [Theory]
    [InlineData("{\"hashes\":[\"ABC\"]}")]
    [InlineData("{\"nothing\":1}")]
    [InlineData("[")]
    public async Task Have_with_a_bad_body_is_400(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        var (status, body) = await ReadAsync(await _server.Http.PostAsync(FileRoutes.ChunksHave, content, Token));

        Assert.Equal(400, status);
        Assert.Equal(400, Json(body, FileServerJsonContext.Default.FileServerError).StatusCode);
    }

    [Fact]
    public async Task Have_with_more_than_1024_hashes_is_refused()
    {
        var hashes = Enumerable.Range(0, FileLimits.MaxHaveHashes + 1).Select(i => ChunkHash.Of(BitConverter.GetBytes(i))).ToList();

        var (status, _) = await ReadAsync(await _server.Http.PostAsJsonAsync(FileRoutes.ChunksHave,
            new ChunkHaveRequest(hashes), FileServerJsonContext.Default.ChunkHaveRequest, Token));

        Assert.Contains(status, new[] { 400, 413 });
    }

    [Theory]
    [InlineData("ABCDEF")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000ff")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_chunk_path_that_is_not_a_lowercase_hash_is_400(string hash)
    {
        var (status, body) = await ReadAsync(await _server.Http.GetAsync(FileRoutes.Chunk(hash), Token));

        Assert.Equal((400, "{\"status_code\":400,\"error\":\"a chunk hash is 64 lowercase hex characters\"}"), (status, body));
    }

    [Fact]
    public async Task An_unknown_chunk_is_404()
    {
        var (status, body) = await ReadAsync(await _server.Http.GetAsync(FileRoutes.Chunk(ChunkHash.Of([1, 2, 3])), Token));

        Assert.Equal((404, "{\"status_code\":404,\"error\":\"no such chunk (never stored, or expired)\"}"), (status, body));
    }

    [Fact]
    public async Task A_chunk_over_the_limit_is_413()
    {
        var chunk = Bytes.Random(FileLimits.MaxChunkBytes + 1);

        var (status, body) = await ReadAsync(await _server.PutChunkAsync(chunk, _uploader));

        Assert.Equal((413, $"a chunk is at most {FileLimits.MaxChunkBytes} bytes"), (status, Json(body, FileServerJsonContext.Default.FileServerError).Error));
    }

    [Fact]
    public async Task An_unsigned_upload_is_400_in_sessions_words()
    {
        var chunk = Bytes.Random(100);
        using var request = new HttpRequestMessage(HttpMethod.Put, FileRoutes.Chunk(ChunkHash.Of(chunk))) { Content = new ByteArrayContent(chunk) };

        var answer = await ReadAsync(await _server.Http.SendAsync(request, Token));

        Assert.Equal((400, "Invalid authentication: one or more X-Wisp-* auth headers is missing"), answer);
    }

    [Fact]
    public async Task A_signature_by_another_key_is_401()
    {
        var chunk = Bytes.Random(100);
        var path = FileRoutes.Chunk(ChunkHash.Of(chunk));
        using var other = Ed25519KeyPair.Generate();
        var now = _server.Clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new ByteArrayContent(chunk) };
        var signed = UploaderSignature.Headers(other, now, "PUT", path);
        request.Headers.Add(FileRoutes.UploaderHeader, _uploader.PublicKey.ToHex());
        request.Headers.Add(FileRoutes.TimestampHeader, signed[1].Value);
        request.Headers.Add(FileRoutes.SignatureHeader, signed[2].Value);

        var answer = await ReadAsync(await _server.Http.SendAsync(request, Token));

        Assert.Equal((401, "Invalid authentication: X-Wisp-Signature verification failed"), answer);
        Assert.Equal(404, (await ReadAsync(await _server.Http.GetAsync(path, Token))).Status);
    }

    [Fact]
    public async Task A_signature_for_another_chunk_is_401()
    {
        var chunk = Bytes.Random(100);
        var path = FileRoutes.Chunk(ChunkHash.Of(chunk));
        var now = _server.Clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new ByteArrayContent(chunk) };
        foreach (var (name, value) in UploaderSignature.Headers(_uploader, now, "PUT", FileRoutes.Chunk(ChunkHash.Of([9]))))
            request.Headers.Add(name, value);

        Assert.Equal(401, (await ReadAsync(await _server.Http.SendAsync(request, Token))).Status);
    }

    [Fact]
    public async Task A_timestamp_more_than_a_day_off_is_425()
    {
        var stale = _server.Clock.GetUtcNow().AddHours(-25).ToUnixTimeSeconds();

        var answer = await ReadAsync(await _server.PutChunkAsync(Bytes.Random(100), _uploader, unixSeconds: stale));

        Assert.Equal((425, "Invalid authentication: X-Wisp-Timestamp is too far from current time"), answer);
    }

    [Fact]
    public async Task A_malformed_uploader_key_is_400()
    {
        var chunk = Bytes.Random(100);
        var path = FileRoutes.Chunk(ChunkHash.Of(chunk));
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new ByteArrayContent(chunk) };
        request.Headers.Add(FileRoutes.UploaderHeader, "xyz");
        request.Headers.Add(FileRoutes.TimestampHeader, "1");
        request.Headers.Add(FileRoutes.SignatureHeader, new string('0', 128));

        var answer = await ReadAsync(await _server.Http.SendAsync(request, Token));

        Assert.Equal((400, "Invalid authentication: X-Wisp-Uploader is not a valid 64-hex digit Ed25519 key"), answer);
    }

    [Fact]
    public async Task Limits_tell_a_client_the_sizes_and_the_expiry()
    {
        var (status, body) = await ReadAsync(await _server.Http.GetAsync(FileRoutes.Limits, Token));

        Assert.Equal(200, status);
        var limits = Json(body, FileServerJsonContext.Default.FileServerLimits);
        Assert.Equal((FileLimits.MaxFileBytes, FileLimits.ChunkBytes, (long)TimeSpan.FromDays(14).TotalSeconds),
            ((int)limits.MaxFileBytes, (int)limits.ChunkBytes, limits.ExpirySeconds));
    }
}
