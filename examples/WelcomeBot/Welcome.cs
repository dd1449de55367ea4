using System.Net.WebSockets;

namespace WelcomeBot;

/// <summary>
/// The bot's loop: learn the room (is the bot a moderator?) and who posted lately, then follow the room's event stream
/// and act on each post. A dropped stream is reopened with <c>since</c> = the last post seen, so nothing is missed.
/// </summary>
public static class Welcome
{
    public static async Task RunAsync(BotSettings settings, TextWriter log, CancellationToken cancellationToken)
    {
        using var api = new BotApi(settings);
        var rules = new WelcomeRules(settings);
        var room = await api.RoomAsync(cancellationToken);
        var moderator = room.GetProperty("moderator").GetBoolean();
        // since=0 on an empty room: posts the host stored before the stream opened still come (none is missed).
        long last = 0;
        foreach (var post in await api.RecentAsync(cancellationToken))
        {
            rules.Remember(post.Author);
            last = post.Id;
        }
        log.WriteLine($"welcome bot in {room.GetProperty("id").GetString()} (moderator: {moderator})");
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var socket = await api.ConnectAsync(last, cancellationToken);
                while (await BotApi.ReceiveAsync(socket, cancellationToken) is { } frame)
                {
                    if (frame.GetProperty("type").GetString() != "message")
                        continue; // ready, message_deleted, and types added later
                    var post = BotApi.ToPost(frame.GetProperty("message"));
                    last = post.Id;
                    foreach (var action in rules.Decide(post, moderator))
                    {
                        try
                        {
                            await api.DoAsync(action, cancellationToken);
                        }
                        catch (HttpRequestException exception)
                        {
                            log.WriteLine($"could not {action}: {exception.Message}");
                        }
                    }
                }
            }
            catch (Exception exception) when (exception is WebSocketException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                log.WriteLine($"stream lost ({exception.Message}); reconnecting");
            }
            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }
    }
}
