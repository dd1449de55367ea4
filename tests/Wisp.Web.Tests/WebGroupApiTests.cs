using System.Net;
using Wisp.Testing;
using Wisp.Web.Tests.Support;

namespace Wisp.Web.Tests;

/// <summary>The group routes' own checks (group IDs, names, members), which answer before the SDK is called.</summary>
public sealed class WebGroupApiTests : IAsyncLifetime
{
    private const string Group = "03" + "ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12ab12";
    private const string Bob = "05" + "cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34cd34";
    private readonly TempDirectory _noNetwork = new();
    private WebApp _app = null!;
    private string _me = null!;

    public async ValueTask InitializeAsync()
    {
        _app = await WebApp.StartAsync(_noNetwork.Path);
        _me = await _app.CreateAccountAsync("alice");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _noNetwork.Dispose();
    }

    [Fact]
    public async Task Group_calls_while_locked_are_refused_with_409()
    {
        await _app.PostAsync("/api/lock", expected: HttpStatusCode.NoContent);
        await _app.GetAsync("/api/groups", HttpStatusCode.Conflict);
        await _app.PostAsync("/api/groups", new { name = "Friends", members = new[] { Bob } }, HttpStatusCode.Conflict);
        await _app.GetAsync($"/api/groups/{Group}/messages", HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("03abc", "", "has 5")]
    [InlineData("05", "cd34", "an Account ID, not a group ID")]
    [InlineData("07", "cd34", "starts with 03")]
    [InlineData("03", "zz34", "not 0-9 or a-f")]
    public async Task A_malformed_group_id_gets_400_saying_what_is_wrong(string prefix, string repeated, string expected)
    {
        var id = prefix + string.Concat(Enumerable.Repeat(repeated, 16));
        foreach (var path in new[] { $"/api/groups/{id}", $"/api/groups/{id}/messages", $"/api/groups/{id}/picture" })
        {
            var answer = await _app.GetAsync(path, HttpStatusCode.BadRequest);
            Assert.Contains(expected, answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        await _app.PostAsync($"/api/groups/{id}/leave", expected: HttpStatusCode.BadRequest);
        await _app.CallAsync(HttpMethod.Delete, $"/api/groups/{id}/members/{Bob}", expected: HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Creating_a_group_checks_its_name_and_members_first()
    {
        async Task<string> Refused(object body) =>
            (await _app.PostAsync("/api/groups", body, HttpStatusCode.BadRequest)).GetProperty("error").GetString()!;

        Assert.Contains("needs a name", await Refused(new { name = "  ", members = new[] { Bob } }), StringComparison.Ordinal);
        // libsession's limit is in UTF-8 bytes: 51 two-byte letters are 102 bytes.
        Assert.Contains("at most 100 bytes", await Refused(new { name = new string('é', 51), members = new[] { Bob } }), StringComparison.Ordinal);
        Assert.Contains("at least one member", await Refused(new { name = "Friends", members = Array.Empty<string>() }), StringComparison.Ordinal);
        Assert.Contains("not an Account ID", await Refused(new { name = "Friends", members = new[] { Bob[..^1] + "x" } }), StringComparison.Ordinal);
        Assert.Contains("in the group already", await Refused(new { name = "Friends", members = new[] { _me } }), StringComparison.Ordinal);
        Assert.Contains("at most 100 members", await Refused(new { name = "Friends", members = Enumerable.Repeat(Bob, 101).ToArray() }), StringComparison.Ordinal);
        Assert.Contains("not what this call takes", await Refused(new { name = "Friends" }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Member_and_settings_calls_check_their_input_first()
    {
        var self = await _app.CallAsync(HttpMethod.Delete, $"/api/groups/{Group}/members/{_me}", expected: HttpStatusCode.BadRequest);
        Assert.Contains("leave it", self.GetProperty("error").GetString(), StringComparison.Ordinal);
        await _app.PostAsync($"/api/groups/{Group}/members/05nope/promote", expected: HttpStatusCode.BadRequest);
        await _app.PostAsync($"/api/groups/{Group}/members", new { members = new[] { "hello" } }, HttpStatusCode.BadRequest);
        await _app.CallAsync(HttpMethod.Put, $"/api/groups/{Group}", new { }, HttpStatusCode.BadRequest);
        await _app.CallAsync(HttpMethod.Put, $"/api/groups/{Group}", new { description = new string('x', 2_001) }, HttpStatusCode.BadRequest);
        await _app.PostAsync($"/api/groups/{Group}/messages", new { text = " " }, HttpStatusCode.BadRequest);
        await _app.GetAsync($"/api/groups/{Group}/messages?limit=0", HttpStatusCode.BadRequest);
    }
}
