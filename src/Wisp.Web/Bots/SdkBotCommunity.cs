using Microsoft.AspNetCore.Http;
using Wisp.Client;
using Wisp.Client.Communities;

namespace Wisp.Web.Bots;

/// <summary>
/// The bot API over the client SDK's communities (<see cref="ClientCommunities"/>): rooms by their bot id
/// (<c>token@host:port</c>), the SDK's results as HTTP statuses, and the client's community events as stream frames.
/// </summary>
internal sealed class SdkBotCommunity : IBotCommunity, IAsyncDisposable
{
    private readonly WispClient _client;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _following;

    public SdkBotCommunity(WispClient client)
    {
        _client = client;
        // Subscribed here, before the host starts the client, so no post falls before the subscription.
        var events = client.Events.GetAsyncEnumerator(_stop.Token);
        _following = Task.Run(() => FollowAsync(events));
    }

    public event Action<BotRoomEvent>? Changed;

    public BotMeJson Me() => new(_client.AccountId.Hex, _client.DisplayName);

    public Task<IReadOnlyList<BotRoomJson>> RoomsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BotRoomJson>>([.. _client.Communities.List().Select(Room)]);

    public Task<IReadOnlyList<BotMessageJson>> MessagesAsync(string room, long? since, int limit, CancellationToken cancellationToken)
    {
        if (Reference(room) is not { } reference)
            return Task.FromResult<IReadOnlyList<BotMessageJson>>([]);
        if (since is null)
            return Task.FromResult<IReadOnlyList<BotMessageJson>>([.. _client.Communities.History(reference, limit).Where(m => !m.Deleted).Select(m => Message(room, m))]);
        // The SDK pages backwards (newest first pages, each oldest first): walk back to `since`, then keep the oldest `limit`.
        var newer = new List<CommunityMessageView>();
        long? before = null;
        while (newer.Count < BotLimits.MaxScannedMessages)
        {
            var page = _client.Communities.History(reference, BotLimits.MaxReadLimit, before);
            newer.AddRange(page.Where(m => m.Id > since && !m.Deleted));
            if (page.Count < BotLimits.MaxReadLimit || page[0].Id <= since)
                break;
            before = page[0].Id;
        }
        return Task.FromResult<IReadOnlyList<BotMessageJson>>([.. newer.OrderBy(m => m.Id).DistinctBy(m => m.Id).Take(limit).Select(m => Message(room, m))]);
    }

    public async Task<BotOutcome<BotMessageJson>> PostAsync(string room, string text, long? replyTo, CancellationToken cancellationToken)
    {
        if (Reference(room) is not { } reference)
            return BotOutcome<BotMessageJson>.Fail(StatusCodes.Status404NotFound, NotJoined(room));
        var posted = replyTo is { } quoted
            ? await _client.Communities.ReplyAsync(reference, quoted, text, cancellationToken)
            : await _client.Communities.PostAsync(reference, text, cancellationToken);
        return posted.Ok
            ? BotOutcome<BotMessageJson>.Ok(Message(room, posted.Value!))
            : BotOutcome<BotMessageJson>.Fail(Status(posted.Status), Sentence(posted.Status, posted.Error));
    }

    public Task<BotOutcome<bool>> DeleteAsync(string room, long id, CancellationToken cancellationToken) =>
        CallAsync(room, reference => _client.Communities.DeleteAsync(reference, id, cancellationToken));

    public Task<BotOutcome<bool>> ReactAsync(string room, long id, string emoji, bool add, CancellationToken cancellationToken) =>
        CallAsync(room, reference => add
            ? _client.Communities.ReactAsync(reference, id, emoji, cancellationToken)
            : _client.Communities.UnreactAsync(reference, id, emoji, cancellationToken));

    public Task<BotOutcome<bool>> BanAsync(string room, string sessionId, long? timeoutSeconds, CancellationToken cancellationToken) =>
        CallAsync(room, reference => _client.Communities.BanAsync(
            reference, sessionId, global: false, timeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null, cancellationToken));

    public Task<BotOutcome<bool>> UnbanAsync(string room, string sessionId, CancellationToken cancellationToken) =>
        CallAsync(room, reference => _client.Communities.UnbanAsync(reference, sessionId, global: false, cancellationToken));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _following;
        _stop.Dispose();
    }

    /// <summary>The bot API's id of a room: its token, <c>@</c>, and its server's host and port.</summary>
    internal static string RoomId(CommunityRoomView room)
    {
        var server = new Uri(room.BaseUrl);
        return $"{room.Token}@{server.Host}:{server.Port}";
    }

    private static BotRoomJson Room(CommunityRoomView room) =>
        new(RoomId(room), room.Token, room.BaseUrl.TrimEnd('/'), room.Name, room.BlindedId, room.Moderator, room.Admin);

    private static BotMessageJson Message(string room, CommunityMessageView message) =>
        new(message.Id, room, message.Sender, message.SenderName, message.Text ?? "", message.PostedMs, message.ReplyTo, message.Mine);

    private string? Reference(string room) => _client.Communities.List().FirstOrDefault(r => RoomId(r) == room)?.Reference;

    private async Task<BotOutcome<bool>> CallAsync(string room, Func<string, Task<CommunityResult>> call)
    {
        if (Reference(room) is not { } reference)
            return BotOutcome<bool>.Fail(StatusCodes.Status404NotFound, NotJoined(room));
        var result = await call(reference);
        return result.Ok ? BotOutcome<bool>.Ok(true) : BotOutcome<bool>.Fail(Status(result.Status), Sentence(result.Status, result.Error));
    }

    /// <summary>The community's refusals keep their status (400, 403, 404, 429); an unreachable or failing server is 502.</summary>
    private static int Status(int? status) => status switch
    {
        400 or 403 or 404 or 429 => status.Value,
        _ => StatusCodes.Status502BadGateway,
    };

    private static string Sentence(int? status, string? error) => status switch
    {
        null => $"the community server could not be reached: {error}",
        400 or 403 or 404 or 429 => error ?? "the community server refused.",
        _ => $"the community server answered {status}: {error}",
    };

    private static string NotJoined(string room) => $"this bot is not in the room {room} (any more).";

    /// <summary>The client's community events as frames for the room's streams.</summary>
    private async Task FollowAsync(IAsyncEnumerator<ClientEvent> events)
    {
        try
        {
            while (await events.MoveNextAsync())
            {
                var change = events.Current;
                if (change is not ClientEvent.Community { Change: var community })
                    continue;
                var frame = community switch
                {
                    CommunityEvent.MessageAdded added when !added.Message.Deleted => Frame(added.Message, m => new BotMessageFrame(m)),
                    CommunityEvent.MessageChanged changed when changed.Message.Deleted => Frame(changed.Message, m => new BotDeletedFrame(m.Room, m.Id)),
                    _ => null,
                };
                if (frame is not null)
                    Changed?.Invoke(frame);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (ObjectDisposedException)
        {
            // The client was closed.
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    private BotRoomEvent? Frame(CommunityMessageView message, Func<BotMessageJson, object> shape)
    {
        if (_client.Communities.Find(message.Room, out _) is not { } room)
            return null;
        var id = RoomId(room);
        return new BotRoomEvent(id, shape(Message(id, message)));
    }
}
