using System.Net;
using Wisp.Testing;
using Wisp.Web.Tests.Support;

namespace Wisp.Web.Tests;

/// <summary>The community routes' own checks (room ids, join URLs), which answer before a community server is asked.</summary>
public sealed class WebCommunityApiTests : IAsyncLifetime
{
    private const string Room = "lobby@127.0.0.1:9";
    private const string Member = "15" + "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12";
    private static readonly string ServerKey = string.Concat(Enumerable.Repeat("c0ffee00", 8));
    private readonly TempDirectory _noNetwork = new();
    private WebApp _app = null!;

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

    [Fact]
    public async Task Community_calls_while_locked_are_refused_with_409()
    {
        await _app.PostAsync("/api/lock", expected: HttpStatusCode.NoContent);
        await _app.GetAsync("/api/communities", HttpStatusCode.Conflict);
        await _app.GetAsync("/api/communities/dms", HttpStatusCode.Conflict);
        await _app.PostAsync("/api/communities", new { url = $"http://127.0.0.1:9/lobby?public_key={ServerKey}" }, HttpStatusCode.Conflict);
        await _app.GetAsync($"/api/communities/{Uri.EscapeDataString(Room)}/messages", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task With_no_community_joined_the_lists_are_empty()
    {
        Assert.Equal(0, (await _app.GetAsync("/api/communities")).GetArrayLength());
        Assert.Equal(0, (await _app.GetAsync("/api/communities/dms")).GetArrayLength());
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1:9/lobby?public_key=c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00")]
    [InlineData("http://127.0.0.1:9/lobby")]
    [InlineData("http://127.0.0.1:9/lobby?public_key=c0ffee")]
    [InlineData("http://127.0.0.1:9/?public_key=c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00")]
    public async Task A_malformed_join_url_gets_400_with_a_sentence(string url)
    {
        var answer = await _app.PostAsync("/api/communities", new { url }, HttpStatusCode.BadRequest);
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("error").GetString()));
        Assert.Equal(0, (await _app.GetAsync("/api/communities")).GetArrayLength());
    }

    [Fact]
    public async Task A_join_without_a_url_gets_400()
    {
        var answer = await _app.PostAsync("/api/communities", new { }, HttpStatusCode.BadRequest);
        Assert.Contains("not what this call takes", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_room_not_joined_is_404_and_a_malformed_room_id_400()
    {
        var room = Uri.EscapeDataString(Room);
        foreach (var path in new[] { $"/api/communities/{room}", $"/api/communities/{room}/messages", $"/api/communities/{room}/dms/{Member}/messages" })
        {
            var missing = await _app.GetAsync(path, HttpStatusCode.NotFound);
            Assert.Contains("you have not joined lobby@127.0.0.1:9", missing.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        await _app.PostAsync($"/api/communities/{room}/messages", new { text = "hello" }, HttpStatusCode.NotFound);
        await _app.PostAsync($"/api/communities/{room}/bans", new { member = Member }, HttpStatusCode.NotFound);
        await _app.CallAsync(HttpMethod.Delete, $"/api/communities/{room}", expected: HttpStatusCode.NotFound);
        foreach (var bad in new[] { "lobby", "@127.0.0.1:9", "lobby@" })
        {
            var answer = await _app.GetAsync($"/api/communities/{Uri.EscapeDataString(bad)}/messages", HttpStatusCode.BadRequest);
            Assert.Contains("token@host:port", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Joining_a_server_that_is_not_reached_is_503_and_joins_nothing()
    {
        // Nothing listens on port 9 (discard) here, and this home has no network: the server is not reached.
        var answer = await _app.PostAsync("/api/communities", new { url = $"http://127.0.0.1:9/lobby?public_key={ServerKey}" }, HttpStatusCode.ServiceUnavailable);
        Assert.False(string.IsNullOrWhiteSpace(answer.GetProperty("error").GetString()));
        Assert.Equal(0, (await _app.GetAsync("/api/communities")).GetArrayLength());
    }
}
