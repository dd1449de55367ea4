using System.Net.Http.Headers;
using Wisp.Community.Moderation;
using Wisp.Community.Rooms;
using Wisp.Community.Tests.Moderation;
using Wisp.Community.Tests.Support;

namespace Wisp.Community.Tests.Files;

/// <summary>
/// Room files as pysogs's <c>test_files.py</c> expects them: upload with the name in <c>Content-Disposition</c>
/// (201 <c>{"id"}</c>), download with the same name back, the stored name cleaned, permission refusals, the size
/// limit and the one-hour expiry of an upload no post claims.
/// </summary>
public sealed class RoomFileRouteTests : IAsyncLifetime
{
    private TestCommunityServer _server = null!;
    private Room _room = null!;
    private readonly TestUser _user = new();
    private readonly TestUser _mod = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _server = await TestCommunityServer.StartAsync();
        _room = await _server.AddRoomAsync("test-room");
        await _server.MakeRoomAsync(_room, _mod, admin: false);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        _user.Dispose();
        _mod.Dispose();
    }

    private async Task<Answer> UploadAsync(TestUser? user, byte[] content, string? filename)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/room/test-room/file") { Content = new ByteArrayContent(content) };
        if (filename is not null)
            request.Content.Headers.TryAddWithoutValidation("Content-Disposition", $"attachment; filename*=UTF-8''{Uri.EscapeDataString(filename)}");
        if (user is not null)
        {
            foreach (var (name, value) in user.Sign(_server.Server.PublicKey, "POST", "/room/test-room/file", content, _server.Clock.GetUtcNow().ToUnixTimeSeconds()))
                request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await _server.Http.SendAsync(request, Token);
        return new Answer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString() ?? "", await response.Content.ReadAsByteArrayAsync(Token));
    }

    private async Task<(int Status, byte[] Body, HttpContentHeaders? Headers)> DownloadAsync(TestUser? user, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            foreach (var (name, value) in user.Sign(_server.Server.PublicKey, "GET", path, [], _server.Clock.GetUtcNow().ToUnixTimeSeconds()))
                request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await _server.Http.SendAsync(request, Token);
        return ((int)response.StatusCode, await response.Content.ReadAsByteArrayAsync(Token), response.Content.Headers);
    }

    [Theory]
    [InlineData("normal.txt", "normal.txt")]
    [InlineData("🎉.🎉---../../../asd", "_._---.._.._.._asd")]
    [InlineData("/proc/self/exe", "_proc_self_exe")]
    public async Task An_upload_comes_back_with_its_name_and_is_stored_under_a_clean_one(string filename, string diskName)
    {
        var content = Crypto.RandomBytes.Get(1024);

        var upload = await UploadAsync(_user, content, filename);

        Assert.Equal(201, upload.Status);
        var id = upload.Json.GetProperty("id").GetInt64();
        Assert.Equal($$"""{"id":{{id}}}""", upload.Text);
        var (status, body, headers) = await DownloadAsync(_user, $"/room/test-room/file/{id}");
        Assert.Equal(200, status);
        Assert.Equal(content, body);
        Assert.Equal("application/octet-stream", headers!.ContentType!.MediaType);
        Assert.Equal(filename.Replace('/', '\uFFFD'), headers.ContentDisposition!.FileNameStar);
        var expected = _server.Clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        Assert.InRange(headers.Expires!.Value.ToUnixTimeSeconds(), expected - 1, expected + 1);
        Assert.Equal($"{id}_{diskName}", Path.GetFileName(Directory.GetFiles(Path.Combine(_server.DataDirectory, "uploads", "test-room")).Single()));
        // The name after the id is ignored.
        Assert.Equal(content, (await DownloadAsync(_user, $"/room/test-room/file/{id}/whatever.bin")).Body);
    }

    [Fact]
    public async Task An_upload_without_a_name_downloads_as_a_bare_attachment()
    {
        var id = (await UploadAsync(_user, [1, 2, 3], null)).Json.GetProperty("id").GetInt64();

        var (_, _, headers) = await DownloadAsync(null, $"/room/test-room/file/{id}");

        Assert.Equal("attachment", headers!.ContentDisposition!.ToString());
    }

    [Fact]
    public async Task Uploading_needs_a_signature_and_upload_and_write_rights()
    {
        Assert.Equal(401, (await UploadAsync(null, [1], "a.txt")).Status);
        await using (var connection = _server.Services.Database.Open())
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "UPDATE rooms SET upload = 0 WHERE token = 'test-room'";
            await command.ExecuteNonQueryAsync(Token);
        }

        Assert.Equal(403, (await UploadAsync(_user, [1], "a.txt")).Status);
        Assert.Equal(201, (await UploadAsync(_mod, [1], "a.txt")).Status); // moderators may always
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_413_and_not_stored()
    {
        var answer = await UploadAsync(_user, new byte[Limits.MaxFileBytes + 1], "big.bin");

        Assert.Equal(413, answer.Status);
        Assert.False(Directory.Exists(Path.Combine(_server.DataDirectory, "uploads", "test-room")) && Directory.EnumerateFiles(Path.Combine(_server.DataDirectory, "uploads", "test-room")).Any());
    }

    [Fact]
    public async Task An_unclaimed_upload_expires_after_an_hour_and_its_bytes_are_removed()
    {
        var id = (await UploadAsync(_user, [1, 2, 3], "a.txt")).Json.GetProperty("id").GetInt64();
        _server.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(200, (await DownloadAsync(_user, $"/room/test-room/file/{id}")).Status);

        _server.Clock.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(404, (await DownloadAsync(_user, $"/room/test-room/file/{id}")).Status);
        Assert.Equal(1, (await ExpirySweeper.SweepOnceAsync(_server.Services, Token)).Files);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(_server.DataDirectory, "uploads", "test-room")));
    }

    [Fact]
    public async Task A_missing_file_is_404_and_a_room_banned_reader_403()
    {
        Assert.Equal(404, (await DownloadAsync(_user, "/room/test-room/file/99999/bogus.exe")).Status);
        Assert.Equal(200, (await _server.SendJsonAsync("POST", $"/user/{_server.Id(_user)}/ban", _mod, """{"rooms": ["test-room"]}""")).Status);

        var (status, body, _) = await DownloadAsync(_user, "/room/test-room/file/99999/bogus.exe");

        Assert.Equal((403, "This endpoint requires room message 'read' permission"), (status, System.Text.Encoding.UTF8.GetString(body)));
    }
}
