using System.Text;
using System.Text.Json;
using Wisp.Community.Storage;

namespace Wisp.Community.Tests.Support;

/// <summary>Short steps the route tests share: posting a message, and setting flags as an operator would.</summary>
internal static class Steps
{
    /// <summary>Session-style padded message data: the text, <c>0x80</c>, zeros up to 160 bytes.</summary>
    public static byte[] Padded(string text)
    {
        var raw = Encoding.UTF8.GetBytes(text);
        var padded = new byte[(raw.Length / 160 + 1) * 160];
        raw.CopyTo(padded, 0);
        padded[raw.Length] = 0x80;
        return padded;
    }

    /// <summary>The JSON body of a post of <paramref name="data"/> signed by <paramref name="user"/>.</summary>
    public static string PostBody(TestCommunityServer server, TestUser user, byte[] data, string extra = "") =>
        $$"""{"data":"{{Convert.ToBase64String(data)}}","signature":"{{Convert.ToBase64String(user.SignData(server.Server.PublicKey, data))}}"{{extra}}}""";

    /// <summary>Posts <paramref name="text"/> and returns the new message's JSON (asserting 201).</summary>
    public static async Task<JsonElement> PostAsync(TestCommunityServer server, TestUser user, string room, string text, string extra = "")
    {
        var answer = await server.SendJsonAsync("POST", $"/room/{room}/message", user, PostBody(server, user, Padded(text), extra));
        Assert.True(answer.Status == 201, $"{answer.Status} {answer.Text}");
        return answer.Json;
    }

    /// <summary>Runs <paramref name="sql"/> on the server's database (what the admin command does).</summary>
    public static async Task ExecuteAsync(TestCommunityServer server, string sql, params (string, object?)[] parameters)
    {
        await using var connection = server.Services.Database.Open();
        await using var command = connection.Command(sql, parameters);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Makes <paramref name="user"/> known to the server and sets a server-wide flag (<c>admin</c>, <c>moderator</c>, <c>banned</c>).</summary>
    public static async Task SetGlobalAsync(TestCommunityServer server, TestUser user, string flag)
    {
        var id = user.SessionId(server.Server.PublicKey);
        await server.Services.Users.GetOrCreateAsync(id, TestContext.Current.CancellationToken);
        var set = flag == "admin" ? "admin = 1, moderator = 1" : $"{flag} = 1";
        await ExecuteAsync(server, $"UPDATE users SET {set} WHERE session_id = $id", ("$id", id));
    }
}
