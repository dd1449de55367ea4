using System.Net.Http.Json;
using System.Text;
using Wisp.Files.Tests.Support;
using Wisp.Protocol.Files;
using static Wisp.Files.Tests.Support.TestFileServer;

namespace Wisp.Files.Tests;

/// <summary>
/// Session's routes on a real server, each answer as session-file-server gives it: <c>{"id"}</c> for an upload,
/// the bytes for a download, <c>{"size","uploaded","expires"}</c> for info, and <c>{"status_code": N}</c> with status N
/// for every error.
/// </summary>
public sealed class SessionRouteTests : IAsyncLifetime
{
    private TestFileServer _server = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _server = await TestFileServer.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    private Task<HttpResponseMessage> UploadAsync(byte[] body) =>
        _server.Http.PostAsync(FileRoutes.File, new ByteArrayContent(body), Token);

    [Fact]
    public async Task An_upload_answers_the_id_of_its_bytes_and_downloads_as_the_same_bytes()
    {
        var file = Bytes.Random(100_000);

        var (status, body) = await ReadAsync(await UploadAsync(file));

        Assert.Equal(200, status);
        var id = Json(body, FileServerJsonContext.Default.FileUploaded).Id;
        Assert.Equal(FileId.Of(file), id);
        Assert.Equal(44, id.Length);
        Assert.Equal($"{{\"id\":\"{id}\"}}", body);
        using var download = await _server.Http.GetAsync(FileRoutes.FileById(id), Token);
        Assert.Equal(200, (int)download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(file, await download.Content.ReadAsByteArrayAsync(Token));
    }

    [Fact]
    public void The_id_is_sessions_salted_blake2b_of_the_bytes()
    {
        // BLAKE2b-264 of "hello" with the salt "SessionFileSvr\0\0", base64url (hashlib.blake2b in session-file-server).
        Assert.Equal("tKO2VVg1JPHwgZuvqK_7bDHJeSr4UJ_8i13ETlwAn0jB", FileId.Of("hello"u8));
    }

    [Fact]
    public async Task Info_gives_size_upload_time_and_expiry_fourteen_days_on()
    {
        var file = Bytes.Random(1234);
        var id = Json((await ReadAsync(await UploadAsync(file))).Body, FileServerJsonContext.Default.FileUploaded).Id;
        var now = _server.Clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;

        var (status, body) = await ReadAsync(await _server.Http.GetAsync(FileRoutes.FileInfo(id), Token));

        Assert.Equal(200, status);
        var info = Json(body, FileServerJsonContext.Default.FileInfo);
        Assert.Equal(1234, info.Size);
        Assert.Equal(now, info.Uploaded, 3);
        Assert.Equal(now + TimeSpan.FromDays(14).TotalSeconds, info.Expires, 3);
    }

    [Fact]
    public async Task Uploading_the_same_bytes_again_keeps_the_id_and_moves_the_expiry()
    {
        var file = Bytes.Random(5000);
        var id = Json((await ReadAsync(await UploadAsync(file))).Body, FileServerJsonContext.Default.FileUploaded).Id;
        _server.Clock.Advance(TimeSpan.FromDays(10));

        var again = Json((await ReadAsync(await UploadAsync(file))).Body, FileServerJsonContext.Default.FileUploaded).Id;
        _server.Clock.Advance(TimeSpan.FromDays(10));

        Assert.Equal(id, again);
        // 20 days after the first upload, 10 after the second: still there.
        var (status, body) = await ReadAsync(await _server.Http.GetAsync(FileRoutes.FileInfo(id), Token));
        Assert.Equal(200, status);
        var info = Json(body, FileServerJsonContext.Default.FileInfo);
        Assert.Equal(info.Uploaded + TimeSpan.FromDays(14).TotalSeconds, info.Expires, 3);
    }

    [Fact]
    public async Task A_file_of_six_million_bytes_is_taken_and_one_byte_more_is_413()
    {
        var (status, _) = await ReadAsync(await UploadAsync(Bytes.Random(FileLimits.MaxFileBytes)));
        var (tooLarge, body) = await ReadAsync(await UploadAsync(Bytes.Random(FileLimits.MaxFileBytes + 1)));

        Assert.Equal(200, status);
        Assert.Equal((413, "{\"status_code\":413}"), (tooLarge, body));
    }

    [Fact]
    public async Task An_empty_upload_is_413_as_in_session()
    {
        Assert.Equal((413, "{\"status_code\":413}"), await ReadAsync(await UploadAsync([])));
    }

    [Theory]
    [InlineData("/file/eSwjNwG_XJPwzIEC0oHZ53BRIa8oqFdc5v32cFcNiRZl")]
    [InlineData("/file/eSwjNwG_XJPwzIEC0oHZ53BRIa8oqFdc5v32cFcNiRZl/info")]
    [InlineData("/file/..%2F..%2Ffiles.db")]
    [InlineData("/files/12345")]
    public async Task An_unknown_file_is_404_with_sessions_body(string path)
    {
        Assert.Equal((404, "{\"status_code\":404}"), await ReadAsync(await _server.Http.GetAsync(path, Token)));
    }

    [Fact]
    public async Task The_legacy_base64_routes_upload_and_download()
    {
        var file = Bytes.Random(3000);

        var (status, body) = await ReadAsync(await _server.Http.PostAsJsonAsync(FileRoutes.LegacyFiles, new { file = Convert.ToBase64String(file) }, Token));

        Assert.Equal(200, status);
        var uploaded = Json(body, FileServerJsonContext.Default.LegacyFileUploaded);
        Assert.Equal((FileId.Of(file), 200), (uploaded.Result, uploaded.StatusCode));
        var (getStatus, getBody) = await ReadAsync(await _server.Http.GetAsync(FileRoutes.LegacyFileById(uploaded.Result), Token));
        Assert.Equal(200, getStatus);
        Assert.Equal(Convert.ToBase64String(file), Json(getBody, FileServerJsonContext.Default.LegacyFileDownload).Result);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("not json")]
    [InlineData("{\"file\":\"@@not base64@@\"}")]
    public async Task A_legacy_upload_without_a_file_is_400(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        Assert.Equal((400, "{\"status_code\":400}"), await ReadAsync(await _server.Http.PostAsync(FileRoutes.LegacyFiles, content, Token)));
    }

    [Fact]
    public async Task A_legacy_upload_over_eight_million_base64_characters_is_413()
    {
        var json = "{\"file\":\"" + new string('A', FileLimits.MaxFileBase64Chars + 4) + "\"}";
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        Assert.Equal((413, "{\"status_code\":413}"), await ReadAsync(await _server.Http.PostAsync(FileRoutes.LegacyFiles, content, Token)));
    }

    [Fact]
    public async Task An_upload_past_the_servers_disk_limit_is_507()
    {
        await using var small = await TestFileServer.StartAsync(options => options with { MaxDiskBytes = 10_000 });
        var first = await ReadAsync(await small.Http.PostAsync(FileRoutes.File, new ByteArrayContent(Bytes.Random(8000)), Token));

        var second = await ReadAsync(await small.Http.PostAsync(FileRoutes.File, new ByteArrayContent(Bytes.Random(8000)), Token));

        Assert.Equal(200, first.Status);
        Assert.Equal((507, "{\"status_code\":507}"), second);
    }

    [Theory]
    [InlineData("GET", "/nowhere", 404)]
    [InlineData("DELETE", "/file/abc", 405)]
    [InlineData("GET", "/file", 405)]
    public async Task Unknown_routes_and_methods_answer_a_status_code_body(string method, string path, int expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        Assert.Equal((expected, $"{{\"status_code\":{expected}}}"), await ReadAsync(await _server.Http.SendAsync(request, Token)));
    }
}
