namespace Wisp.Web.Bots;

/// <summary>
/// What the bot API needs of the bot's account in its communities: the seam between the routes and the client SDK
/// (<see cref="SdkBotCommunity"/>), so the routes deal in the API's shapes only. Room arguments are resolved ids.
/// </summary>
internal interface IBotCommunity
{
    /// <summary>Raised for each new or deleted post in a joined room (on the SDK's polling thread: handlers must not block).</summary>
    event Action<BotRoomEvent>? Changed;

    BotMeJson Me();

    Task<IReadOnlyList<BotRoomJson>> RoomsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Posts the host has received in <paramref name="room"/>, oldest first: the first <paramref name="limit"/> with an id
    /// above <paramref name="since"/>, or without it the latest <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<BotMessageJson>> MessagesAsync(string room, long? since, int limit, CancellationToken cancellationToken);

    Task<BotOutcome<BotMessageJson>> PostAsync(string room, string text, long? replyTo, CancellationToken cancellationToken);

    Task<BotOutcome<bool>> DeleteAsync(string room, long id, CancellationToken cancellationToken);

    /// <summary>Adds (or removes) this account's <paramref name="emoji"/> on a post; the value says whether anything changed.</summary>
    Task<BotOutcome<bool>> ReactAsync(string room, long id, string emoji, bool add, CancellationToken cancellationToken);

    Task<BotOutcome<bool>> BanAsync(string room, string sessionId, long? timeoutSeconds, CancellationToken cancellationToken);

    Task<BotOutcome<bool>> UnbanAsync(string room, string sessionId, CancellationToken cancellationToken);
}

/// <summary>A change in a room for its event streams: <see cref="BotMessageFrame"/> or <see cref="BotDeletedFrame"/>.</summary>
internal sealed record BotRoomEvent(string Room, object Frame);

/// <summary>How a call went: its value, or the HTTP status and the sentence for the bot.</summary>
internal sealed record BotOutcome<T>(T? Value, int Status, string? Error)
{
    public bool IsOk => Error is null;

    public static BotOutcome<T> Ok(T value) => new(value, 200, null);

    public static BotOutcome<T> Fail(int status, string error) => new(default, status, error);
}
