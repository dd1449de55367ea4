namespace Wisp.Web.Bots;

/// <summary>
/// Placeholder until the client SDK's communities (branch ccli) are merged: the bot's account with no rooms. The real
/// adapter over <c>WispClient.Communities</c> replaces this file.
/// </summary>
internal sealed class SdkBotCommunity(Wisp.Client.WispClient client) : IBotCommunity, IAsyncDisposable
{
    private static readonly BotOutcome<bool> NotJoined = BotOutcome<bool>.Fail(404, "this bot is not in that room.");

    public event Action<BotRoomEvent>? Changed { add { } remove { } }

    public BotMeJson Me() => new(client.AccountId.Hex, client.DisplayName);

    public Task<IReadOnlyList<BotRoomJson>> RoomsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<BotRoomJson>>([]);

    public Task<IReadOnlyList<BotMessageJson>> MessagesAsync(string room, long? since, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BotMessageJson>>([]);

    public Task<BotOutcome<BotMessageJson>> PostAsync(string room, string text, long? replyTo, CancellationToken cancellationToken) =>
        Task.FromResult(BotOutcome<BotMessageJson>.Fail(404, "this bot is not in that room."));

    public Task<BotOutcome<bool>> DeleteAsync(string room, long id, CancellationToken cancellationToken) => Task.FromResult(NotJoined);

    public Task<BotOutcome<bool>> ReactAsync(string room, long id, string emoji, bool add, CancellationToken cancellationToken) => Task.FromResult(NotJoined);

    public Task<BotOutcome<bool>> BanAsync(string room, string sessionId, long? timeoutSeconds, CancellationToken cancellationToken) => Task.FromResult(NotJoined);

    public Task<BotOutcome<bool>> UnbanAsync(string room, string sessionId, CancellationToken cancellationToken) => Task.FromResult(NotJoined);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
