using System.Text.Json;
using Wisp.Community.Tests.Support;

namespace Wisp.Community.Tests.General;

/// <summary><c>/batch</c> and <c>/sequence</c>, as pysogs's tests/test_auth.py (test_auth_batch) expects them.</summary>
public sealed class BatchTests
{
    [Fact]
    public async Task A_batch_runs_each_subrequest_as_the_outer_user_and_embeds_json_bodies()
    {
        await using var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync("lobby");
        using var user = new TestUser();
        using var intruder = new TestUser();
        var data = Steps.Padded("batched");
        var post = Steps.PostBody(server, user, data);
        // Inner X-SOGS-* headers are ignored: the post is the outer user's.
        var innerHeaders = JsonSerializer.Serialize(intruder.Sign(server.Server.PublicKey, "GET", "/capabilities", [], server.Clock.GetUtcNow().ToUnixTimeSeconds())
            .ToDictionary(h => h.Name, h => h.Value));
        var body = $$"""
            [{"method":"GET","path":"/capabilities?required=sogs","headers":{{innerHeaders}}},
             {"method":"POST","path":"/room/lobby/message","json":{{post}}},
             {"method":"GET","path":"/room/nope"},
             {"method":"GET","path":"/room/lobby/messages/recent"}]
            """;

        var answer = await server.SendJsonAsync("POST", "/batch", user, body);

        Assert.Equal(200, answer.Status);
        var results = answer.Json.EnumerateArray().ToList();
        Assert.Equal([200, 201, 404, 200], results.Select(r => r.GetProperty("code").GetInt32()));
        Assert.Equal("""{"capabilities":["blind","reactions","sogs"]}""", results[0].GetProperty("body").GetRawText());
        Assert.Equal("application/json", results[0].GetProperty("headers").GetProperty("content-type").GetString());
        Assert.Equal(user.SessionId(server.Server.PublicKey), results[1].GetProperty("body").GetProperty("session_id").GetString());
        Assert.Equal(JsonValueKind.String, results[2].GetProperty("body").ValueKind); // not JSON: base64 of the page
        Assert.Single(results[3].GetProperty("body").EnumerateArray());
    }

    [Fact]
    public async Task A_sequence_stops_after_the_first_failure()
    {
        await using var server = await TestCommunityServer.StartAsync();
        await server.AddRoomAsync("lobby");

        var answer = await server.SendJsonAsync("POST", "/sequence", null, """
            [{"method":"GET","path":"/capabilities"},{"method":"GET","path":"/room/nope"},{"method":"GET","path":"/rooms"}]
            """);

        Assert.Equal([200, 404], answer.Json.EnumerateArray().Select(r => r.GetProperty("code").GetInt32()));
    }

    [Theory]
    [InlineData("""{"method":"GET","path":"/rooms"}""")]
    [InlineData("""[{"method":"GET"}]""")]
    [InlineData("""[{"method":"PATCH","path":"/rooms"}]""")]
    [InlineData("""[{"method":"GET","path":"rooms"}]""")]
    [InlineData("""[{"method":"POST","path":"/rooms"}]""")]
    [InlineData("""[{"method":"GET","path":"/rooms","json":{}}]""")]
    [InlineData("""[{"method":"GET","path":"/rooms","headers":{"a":1}}]""")]
    public async Task A_malformed_batch_is_400_before_anything_runs(string body)
    {
        await using var server = await TestCommunityServer.StartAsync();

        var answer = await server.SendJsonAsync("POST", "/batch", null, body);

        Assert.Equal(400, answer.Status);
    }
}
