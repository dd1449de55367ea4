using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace WelcomeBot;

/// <summary>The bot API as plain HTTP and a WebSocket: every request carries <c>Authorization: Bearer TOKEN</c>.</summary>
public sealed class BotApi(BotSettings settings) : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = settings.ApiUrl,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", settings.Token) },
    };

    /// <summary><c>GET rooms/{room}</c>: the room object (id, moderator, …).</summary>
    public async Task<JsonElement> RoomAsync(CancellationToken cancellationToken) =>
        await GetAsync($"rooms/{Uri.EscapeDataString(settings.Room)}", cancellationToken);

    /// <summary><c>GET rooms/{room}/messages?limit=256</c>: the latest stored posts, oldest first.</summary>
    public async Task<IReadOnlyList<Post>> RecentAsync(CancellationToken cancellationToken)
    {
        var body = await GetAsync($"rooms/{Uri.EscapeDataString(settings.Room)}/messages?limit=256", cancellationToken);
        return [.. body.GetProperty("messages").EnumerateArray().Select(ToPost)];
    }

    public async Task DoAsync(BotAction action, CancellationToken cancellationToken)
    {
        var room = $"rooms/{Uri.EscapeDataString(settings.Room)}";
        using var response = action switch
        {
            BotAction.Say say => await _http.PostAsync($"{room}/messages", Json(new { text = say.Text, reply_to = say.ReplyTo }), cancellationToken),
            BotAction.React react => await _http.PutAsync($"{room}/messages/{react.Id}/reactions/{Uri.EscapeDataString(react.Emoji)}", null, cancellationToken),
            BotAction.Delete delete => await _http.DeleteAsync($"{room}/messages/{delete.Id}", cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        await EnsureAsync(response, cancellationToken);
    }

    /// <summary>Opens <c>rooms/{room}/events?since=ID</c>: the stored posts after <paramref name="since"/>, then live ones.</summary>
    public async Task<ClientWebSocket> ConnectAsync(long since, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", $"Bearer {settings.Token}");
        var url = new UriBuilder(new Uri(settings.ApiUrl, $"rooms/{Uri.EscapeDataString(settings.Room)}/events")) { Scheme = "ws", Query = $"since={since}" };
        await socket.ConnectAsync(url.Uri, cancellationToken);
        return socket;
    }

    /// <summary>The next JSON frame, or null when the host closed the stream.</summary>
    public static async Task<JsonElement?> ReceiveAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        using var frame = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var received = await socket.ReceiveAsync(buffer, cancellationToken);
            if (received.MessageType == WebSocketMessageType.Close)
                return null;
            frame.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
                return JsonDocument.Parse(frame.ToArray()).RootElement.Clone();
        }
    }

    public static Post ToPost(JsonElement message) => new(
        message.GetProperty("id").GetInt64(),
        message.GetProperty("author").GetString()!,
        message.GetProperty("author_name").GetString(),
        message.GetProperty("text").GetString()!,
        message.GetProperty("own").GetBoolean());

    public void Dispose() => _http.Dispose();

    private async Task<JsonElement> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(path, cancellationToken);
        await EnsureAsync(response, cancellationToken);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>Errors are <c>{"error": "sentence"}</c>: the sentence goes into the exception.</summary>
    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        string? error = null;
        try
        {
            error = JsonDocument.Parse(text).RootElement.GetProperty("error").GetString();
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // Not the API's error shape; the status says enough.
        }
        throw new HttpRequestException($"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {error ?? text}", null, response.StatusCode);
    }
}
