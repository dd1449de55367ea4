using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using Wisp.Testing;
using Wisp.Web.Api;
using Wisp.Web.Security;
using Wisp.Web.Tests.Support;

namespace Wisp.Web.Tests;

/// <summary>
/// The upload routes' own rules, checked before a byte of the body is read: the octet-stream type only there, a
/// declared size within the limit, a plain file name; and how a decrypted file is served (only shown images inline).
/// </summary>
public sealed class WebAttachmentApiTests : IAsyncLifetime
{
    private const string Bob = "05" + "cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34";
    private readonly TempDirectory _noNetwork = new();
    private WebApp _app = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _app = await WebApp.StartAsync(_noNetwork.Path);
        await _app.CreateAccountAsync("alice");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _noNetwork.Dispose();
    }

    private async Task<(HttpStatusCode Status, string Error)> UploadAsync(string path, byte[] body, string contentType = "application/octet-stream", string? fileType = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (fileType is not null)
            request.Headers.Add(UploadBody.FileTypeHeader, fileType);
        if (path.EndsWith("/picture", StringComparison.Ordinal))
            request.Method = HttpMethod.Put;
        using var response = await _app.Http.SendAsync(request, Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Token));
    }

    [Fact]
    public async Task An_upload_route_takes_only_octet_stream_and_no_other_route_takes_it()
    {
        var (json, _) = await UploadAsync($"/api/conversations/{Bob}/attachments?name=a.txt", "{}"u8.ToArray(), "application/json");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json);
        var (form, _) = await UploadAsync($"/api/conversations/{Bob}/attachments?name=a.txt", "a=b"u8.ToArray(), "application/x-www-form-urlencoded");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form);
        var (elsewhere, _) = await UploadAsync($"/api/conversations/{Bob}/messages", "hello"u8.ToArray());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, elsewhere);
    }

    [Theory]
    [InlineData("", "name the file")]
    [InlineData("..", "must not name a folder")]
    [InlineData("../etc/passwd", "must not name a folder")]
    [InlineData("a\\b.txt", "must not name a folder")]
    [InlineData("a%07b.txt", "control characters")]
    public async Task An_upload_without_a_plain_file_name_is_refused_with_400(string name, string expected)
    {
        var (status, error) = await UploadAsync($"/api/conversations/{Bob}/attachments?name={name}", "hello"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_a_bad_chat_or_a_locked_account_is_refused()
    {
        var (empty, error) = await UploadAsync($"/api/conversations/{Bob}/attachments?name=a.txt", []);
        Assert.Equal(HttpStatusCode.BadRequest, empty);
        Assert.Contains("empty", error, StringComparison.Ordinal);
        var (badPeer, _) = await UploadAsync("/api/conversations/05nope/attachments?name=a.txt", "x"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, badPeer);
        var (badGroup, _) = await UploadAsync($"/api/groups/{Bob}/attachments?name=a.txt", "x"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, badGroup);
        await _app.PostAsync("/api/lock", expected: HttpStatusCode.NoContent);
        var (locked, _) = await UploadAsync($"/api/conversations/{Bob}/attachments?name=a.txt", "x"u8.ToArray());
        Assert.Equal(HttpStatusCode.Conflict, locked);
    }

    [Fact]
    public async Task A_file_for_a_group_this_account_does_not_hold_gets_404()
    {
        var (status, error) = await UploadAsync($"/api/groups/03{new string('0', 64)}/attachments?name=a.txt", "x"u8.ToArray());
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("there is no group", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_picture_nobody_set_is_404_setting_one_offline_is_503_and_group_pictures_are_501()
    {
        await _app.GetAsync("/api/account/picture", HttpStatusCode.NotFound);
        await _app.GetAsync($"/api/contacts/{Bob}/picture", HttpStatusCode.NotFound);
        var (offline, error) = await UploadAsync("/api/account/picture", Png, fileType: "image/png");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, offline);
        Assert.Contains("not connected to a network", error, StringComparison.Ordinal);
        await _app.GetAsync("/api/account/picture", HttpStatusCode.NotFound);
        await _app.GetAsync($"/api/groups/03{new string('0', 64)}/picture", HttpStatusCode.NotImplemented);
        var (group, _) = await UploadAsync($"/api/groups/03{new string('0', 64)}/picture", Png, fileType: "image/png");
        Assert.Equal(HttpStatusCode.NotImplemented, group);
    }

    /// <summary>The start of a PNG (its signature and a header chunk): enough for the type checks.</summary>
    private static readonly byte[] Png = [0x89, .. "PNG\r\n\x1a\n"u8, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    [Fact]
    public async Task An_upload_without_a_declared_size_gets_411()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{Bob}/attachments?name=a.txt")
        {
            Content = new StreamContent(new MemoryStream("hello"u8.ToArray())),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        request.Headers.TransferEncodingChunked = true;
        using var response = await _app.Http.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.LengthRequired, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/api/conversations/" + Bob + "/attachments?name=big.bin", WebLimits.MaxUploadBytes + 1, "image/png")]
    [InlineData("PUT", "/api/account/picture", WebLimits.MaxPictureBytes + 1, "image/png")]
    public async Task A_file_over_the_limit_is_refused_with_413_before_its_body_is_read(string method, string path, long size, string type)
    {
        // Only the headers are sent: the answer comes without the server waiting for (or buffering) the body.
        var (status, text) = await RawHttp.HeadersOnlyAsync(_app.Host.Port, method, path,
        [
            $"X-Wisp-Token: {_app.Host.Token}", "Content-Type: application/octet-stream", $"{UploadBody.FileTypeHeader}: {type}",
            $"Content-Length: {size.ToString(CultureInfo.InvariantCulture)}",
        ]);
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.Contains("Content-Security-Policy", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("image/svg+xml")]
    [InlineData("text/html")]
    public async Task A_profile_picture_that_is_not_a_shown_image_type_gets_415(string? type)
    {
        var (status, error) = await UploadAsync("/api/account/picture", "<svg/>"u8.ToArray(), fileType: type);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("PNG, JPEG, WebP or GIF", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("x/../y")]
    public async Task A_malformed_attachment_id_gets_400(string id)
    {
        var answer = await _app.GetAsync($"/api/attachments/{Uri.EscapeDataString(id)}", HttpStatusCode.BadRequest);
        Assert.Contains("not an attachment ID", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        await _app.PostAsync($"/api/attachments/{Uri.EscapeDataString(id)}/download", expected: HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("POST", "/api/conversations/05ab/attachments", true)]
    [InlineData("POST", "/api/groups/03ab/attachments", true)]
    [InlineData("PUT", "/api/account/picture", true)]
    [InlineData("PUT", "/api/groups/03ab/picture", true)]
    [InlineData("POST", "/API/Conversations/05ab/Attachments", true)]
    [InlineData("POST", "/api/conversations/05ab/messages", false)]
    [InlineData("POST", "/api/account/picture", false)]
    [InlineData("PUT", "/api/conversations/05ab/attachments", false)]
    [InlineData("POST", "/api/conversations/05ab/attachments/extra", false)]
    public void Only_the_four_upload_routes_take_a_file_body(string method, string path, bool takes) =>
        Assert.Equal(takes, UploadRoutes.Takes(method, path));

    [Theory]
    [InlineData("image/png", true, "image/png", "inline")]
    [InlineData("image/png", false, "image/png", "attachment")]
    [InlineData("image/svg+xml", true, "application/octet-stream", "attachment")]
    [InlineData("text/html", true, "application/octet-stream", "attachment")]
    public async Task A_served_file_is_inline_only_when_it_is_a_shown_image(string type, bool inline, string servedType, string disposition)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        await new FileResponse(new MemoryStream("bytes"u8.ToArray()), "été photo.png", type, 5, inline).ExecuteAsync(context);
        Assert.Equal(servedType, context.Response.ContentType);
        var header = context.Response.Headers.ContentDisposition.ToString();
        Assert.StartsWith(disposition, header, StringComparison.Ordinal);
        Assert.Contains("filename*=UTF-8''%C3%A9t%C3%A9%20photo.png", header, StringComparison.Ordinal);
        Assert.Equal("no-store", context.Response.Headers.CacheControl.ToString());
        Assert.Equal(5, context.Response.Body.Length);
    }
}
