using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Wisp.Testing;
using Wisp.Web.Api;
using Wisp.Web.Tests.Support;

namespace Wisp.Web.Tests;

/// <summary>
/// Groups and files through the web API on a real network of five nodes and its file server: each route's success
/// and the refusals that need a real group or file (403 for a member's admin call, 404, 409).
/// </summary>
public sealed class WebGroupsAndFilesTests(FiveNodeNetwork network) : IClassFixture<FiveNodeNetwork>, IAsyncLifetime
{
    private WebApp _alice = null!;
    private WebApp _bob = null!;
    private string _aliceId = null!;
    private string _bobId = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _alice = await WebApp.StartAsync(network.Folder);
        _bob = await WebApp.StartAsync(network.Folder);
        _aliceId = await _alice.CreateAccountAsync("alice", "Alice");
        _bobId = await _bob.CreateAccountAsync("bob", "Bob");
        await _alice.WaitConnectedAsync();
        await _bob.WaitConnectedAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _alice.DisposeAsync();
        await _bob.DisposeAsync();
    }

    [Fact]
    public async Task Alice_makes_a_group_bob_joins_from_the_invite_they_write_and_only_the_admin_manages_it()
    {
        await using var aliceEvents = await _alice.OpenEventsAsync();
        var group = await _alice.PostAsync("/api/groups", new { name = "Book club", members = new[] { _bobId } });
        var id = group.GetProperty("id").GetString()!;
        Assert.Matches("^03[0-9a-f]{64}$", id);
        Assert.True(group.GetProperty("admin").GetBoolean());
        Assert.Equal("joined", group.GetProperty("state").GetString());
        Assert.Equal(2, group.GetProperty("members").GetArrayLength());
        Assert.Equal(id, (await _alice.GetAsync($"/api/groups/{id}")).GetProperty("id").GetString());

        // The invite reaches bob as a group in state "invited"; he accepts.
        await Eventually.TrueAsync(
            async () => (await _bob.GetAsync("/api/groups")).EnumerateArray().Any(g => g.GetProperty("id").GetString() == id),
            "bob's page lists the invite", TimeSpan.FromSeconds(180));
        var invited = await _bob.GetAsync($"/api/groups/{id}");
        Assert.Equal("invited", invited.GetProperty("state").GetString());
        Assert.Equal(_aliceId, invited.GetProperty("invited_by").GetString());
        await _bob.PostAsync($"/api/groups/{id}/messages", new { text = "too early" }, HttpStatusCode.Conflict);
        var joined = await _bob.PostAsync($"/api/groups/{id}/accept");
        Assert.Equal("joined", joined.GetProperty("state").GetString());
        Assert.False(joined.GetProperty("admin").GetBoolean());
        await _bob.PostAsync($"/api/groups/{id}/accept", expected: HttpStatusCode.Conflict);

        // Bob writes; alice's page gets it live, from bob (named as her contacts name him), in the group.
        await _alice.CallAsync(HttpMethod.Put, $"/api/contacts/{_bobId}", new { nickname = "Bobby" });
        var sent = await _bob.PostAsync($"/api/groups/{id}/messages", new { text = "chapter one is great" });
        Assert.Equal(id, sent.GetProperty("peer").GetString());
        var arrived = await aliceEvents.WaitForAsync("message_added", e =>
            e.GetProperty("message").GetProperty("text").GetString() == "chapter one is great", TimeSpan.FromSeconds(180));
        Assert.Equal(_bobId, arrived.GetProperty("message").GetProperty("sender").GetString());
        Assert.Equal("Bobby", arrived.GetProperty("message").GetProperty("sender_name").GetString());
        var history = await _alice.GetAsync($"/api/groups/{id}/messages");
        Assert.Contains(history.EnumerateArray(), m => m.GetProperty("text").GetString() == "chapter one is great");

        // A member cannot do an admin's work; the admin can.
        await _bob.CallAsync(HttpMethod.Put, $"/api/groups/{id}", new { name = "Bob's club" }, HttpStatusCode.Forbidden);
        await _bob.PostAsync($"/api/groups/{id}/members/{_aliceId}/promote", expected: HttpStatusCode.Forbidden);
        var renamed = await _alice.CallAsync(HttpMethod.Put, $"/api/groups/{id}", new { name = "Reading club", description = "Thursdays" });
        Assert.Equal("Reading club", renamed.GetProperty("name").GetString());
        Assert.Equal("Thursdays", renamed.GetProperty("description").GetString());
        var stranger = "05" + string.Concat(Enumerable.Repeat("ab", 32));
        await _alice.PostAsync($"/api/groups/{id}/members/{stranger}/promote", expected: HttpStatusCode.NotFound);
        // The only admin may not leave while bob is in it; unknown groups are 404.
        await _alice.PostAsync($"/api/groups/{id}/leave", expected: HttpStatusCode.Conflict);
        await _alice.GetAsync($"/api/groups/03{new string('0', 64)}", HttpStatusCode.NotFound);

        // Bob leaves: 204, and his list no longer shows it.
        await _bob.PostAsync($"/api/groups/{id}/leave", expected: HttpStatusCode.NoContent);
        Assert.DoesNotContain((await _bob.GetAsync("/api/groups")).EnumerateArray(), g => g.GetProperty("id").GetString() == id);
    }

    [Fact]
    public async Task A_file_posted_by_alice_is_uploaded_with_progress_and_bob_downloads_the_same_bytes()
    {
        await using var aliceEvents = await _alice.OpenEventsAsync();
        await using var bobEvents = await _bob.OpenEventsAsync();
        var bytes = RandomNumberGenerator.GetBytes(5 << 20);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{_bobId}/attachments?name=notes.bin&caption=for%20you")
        {
            Content = new ByteArrayContent(bytes),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await _alice.Http.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var transfer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement;
        var transferId = transfer.GetProperty("attachment_id").GetString()!;
        Assert.Equal("up", transfer.GetProperty("direction").GetString());

        var done = await aliceEvents.WaitForAsync("transfer_progress", e =>
            e.GetProperty("transfer").GetProperty("attachment_id").GetString() == transferId && e.GetProperty("transfer").GetProperty("state").GetString() != "running",
            TimeSpan.FromSeconds(240));
        Assert.Equal("done", done.GetProperty("transfer").GetProperty("state").GetString());

        // Bob's copy of the message carries the file; before it is fetched, serving it is a 409.
        var added = await bobEvents.WaitForAsync("message_added", e => e.GetProperty("message").GetProperty("attachments").GetArrayLength() == 1, TimeSpan.FromSeconds(180));
        var message = added.GetProperty("message");
        Assert.Equal("for you", message.GetProperty("text").GetString());
        var file = message.GetProperty("attachments")[0];
        Assert.Equal("notes.bin", file.GetProperty("name").GetString());
        Assert.Equal(bytes.Length, file.GetProperty("size").GetInt64());
        Assert.Equal("remote", file.GetProperty("state").GetString());
        var fileId = file.GetProperty("id").GetString()!;
        await _bob.GetAsync($"/api/attachments/{fileId}", HttpStatusCode.Conflict);
        await _bob.GetAsync("/api/attachments/nosuch:0", HttpStatusCode.NotFound);

        await _bob.PostAsync($"/api/attachments/{fileId}/download", expected: HttpStatusCode.Accepted);
        var fetched = await bobEvents.WaitForAsync("transfer_progress", e =>
            e.GetProperty("transfer").GetProperty("attachment_id").GetString() == fileId && e.GetProperty("transfer").GetProperty("state").GetString() != "running",
            TimeSpan.FromSeconds(240));
        Assert.Equal("done", fetched.GetProperty("transfer").GetProperty("state").GetString());
        await _bob.PostAsync($"/api/attachments/{fileId}/download", expected: HttpStatusCode.OK);

        using var served = await _bob.Http.GetAsync($"/api/attachments/{fileId}", Token);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("application/octet-stream", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", served.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync(Token));
        var transfers = await _bob.GetAsync("/api/transfers");
        Assert.Contains(transfers.EnumerateArray(), t => t.GetProperty("attachment_id").GetString() == fileId && t.GetProperty("state").GetString() == "done");
        Assert.Equal(FileResponse.Disposition("notes.bin", false), served.Content.Headers.ContentDisposition!.ToString());
    }

    [Fact]
    public async Task A_file_posted_to_a_group_is_uploaded_once_and_bob_downloads_the_same_bytes()
    {
        await using var aliceEvents = await _alice.OpenEventsAsync();
        await using var bobEvents = await _bob.OpenEventsAsync();
        var id = (await _alice.PostAsync("/api/groups", new { name = "Photos", members = new[] { _bobId } })).GetProperty("id").GetString()!;
        await Eventually.TrueAsync(
            async () => (await _bob.GetAsync("/api/groups")).EnumerateArray().Any(g => g.GetProperty("id").GetString() == id),
            "bob's page lists the invite", TimeSpan.FromSeconds(180));
        await _bob.PostAsync($"/api/groups/{id}/accept");

        var bytes = RandomNumberGenerator.GetBytes(300_000);
        using var response = await _alice.Http.SendAsync(Upload(HttpMethod.Post, $"/api/groups/{id}/attachments?name=beach.bin&caption=summer", bytes, null), Token);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var transferId = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("attachment_id").GetString()!;
        var done = await aliceEvents.WaitForAsync("transfer_progress", e =>
            e.GetProperty("transfer").GetProperty("attachment_id").GetString() == transferId && e.GetProperty("transfer").GetProperty("state").GetString() != "running",
            TimeSpan.FromSeconds(240));
        Assert.Equal("done", done.GetProperty("transfer").GetProperty("state").GetString());
        Assert.Equal(id, done.GetProperty("transfer").GetProperty("peer").GetString());

        var added = await bobEvents.WaitForAsync("message_added", e =>
            e.GetProperty("message").GetProperty("peer").GetString() == id && e.GetProperty("message").GetProperty("attachments").GetArrayLength() == 1,
            TimeSpan.FromSeconds(180));
        var fileId = added.GetProperty("message").GetProperty("attachments")[0].GetProperty("id").GetString()!;
        await _bob.PostAsync($"/api/attachments/{fileId}/download", expected: HttpStatusCode.Accepted);
        await bobEvents.WaitForAsync("transfer_progress", e =>
            e.GetProperty("transfer").GetProperty("attachment_id").GetString() == fileId && e.GetProperty("transfer").GetProperty("state").GetString() == "done",
            TimeSpan.FromSeconds(240));
        using var served = await _bob.Http.GetAsync($"/api/attachments/{fileId}", Token);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync(Token));
    }

    [Fact]
    public async Task Alice_sets_a_profile_picture_and_her_page_shows_it_back()
    {
        byte[] png = [0x89, .. "PNG\r\n\x1a\n"u8, .. RandomNumberGenerator.GetBytes(20_000)];
        await _alice.GetAsync("/api/account/picture", HttpStatusCode.NotFound);
        using (var set = await _alice.Http.SendAsync(Upload(HttpMethod.Put, "/api/account/picture", png, "image/png"), Token))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            Assert.Equal(_aliceId, JsonDocument.Parse(await set.Content.ReadAsStringAsync(Token)).RootElement.GetProperty("account_id").GetString());
        }
        using var shown = await _alice.Http.GetAsync("/api/account/picture", Token);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal("image/png", shown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await shown.Content.ReadAsByteArrayAsync(Token));
        // Bob has had no message from her yet: he knows no picture of hers.
        await _bob.GetAsync($"/api/contacts/{_aliceId}/picture", HttpStatusCode.NotFound);
    }

    private static HttpRequestMessage Upload(HttpMethod method, string path, byte[] bytes, string? fileType)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (fileType is not null)
            request.Headers.Add(UploadBody.FileTypeHeader, fileType);
        return request;
    }
}
