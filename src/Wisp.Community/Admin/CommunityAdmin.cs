using System.Text.RegularExpressions;
using Wisp.Community.Api;
using Wisp.Community.Auth;
using Wisp.Community.Moderation;
using Wisp.Community.Storage;
using Wisp.Protocol.Community;

namespace Wisp.Community.Admin;

/// <summary>
/// The administration of a community server's data directory, for <c>wisp community room|moderator|ban|unban</c>:
/// rooms, moderators and admins, bans. It writes the database directly (the server may be running: SQLite's WAL lets
/// both) and acts with the server's own authority, as pysogs's command line does, so no permission is checked beyond
/// the model's rules (an admin is a moderator; nobody is banned and a moderator at once).
/// </summary>
public sealed partial class CommunityAdmin : IDisposable
{
    private readonly CommunityDatabase _database;
    private readonly ServerKeys _keys;
    private readonly CommunityServices _services;
    private readonly string _directory;

    private CommunityAdmin(string directory, CommunityDatabase database, ServerKeys keys, TimeProvider time)
    {
        _directory = directory;
        _database = database;
        _keys = keys;
        _services = new CommunityServices(database, time, keys, new CommunityServerOptions { DataDirectory = directory });
    }

    /// <summary>Opens (creating on first use) the data directory's database and key.</summary>
    /// <exception cref="CommunityServerStartException">The directory or key cannot be used.</exception>
    public static CommunityAdmin Open(string dataDirectory, TimeProvider? time = null)
    {
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        var keys = ServerKeys.LoadOrCreate(directory);
        return new CommunityAdmin(directory, new CommunityDatabase(Path.Combine(directory, CommunityDatabase.FileName)), keys, time ?? TimeProvider.System);
    }

    /// <summary>The server's X25519 public key, hex (the join URL's <c>public_key</c>).</summary>
    public string PublicKeyHex => _keys.PublicKey.ToHex();

    /// <summary>The server's base URL: from its run file when it has run, else <c>http://127.0.0.1:8081</c>.</summary>
    public string BaseUrl
    {
        get
        {
            var path = Path.Combine(_directory, CommunityRunFile.FileName);
            var run = File.Exists(path) ? CommunityRunFile.TryParse(File.ReadAllBytes(path)) : null;
            return run?.Url ?? $"http://127.0.0.1:{Limits.DefaultPort}";
        }
    }

    /// <summary>Session's join URL of room <paramref name="token"/>.</summary>
    public string JoinUrl(string token, string? baseUrl = null) => $"{(baseUrl ?? BaseUrl).TrimEnd('/')}/{token}?public_key={PublicKeyHex}";

    /// <summary>Adds a room; refused for a malformed or taken token.</summary>
    public async Task<AdminResult<RoomSummary>> AddRoomAsync(string token, string name, string? description, CancellationToken cancellationToken)
    {
        if (!RoomToken().IsMatch(token))
            return AdminResult<RoomSummary>.Refused($"room tokens may only contain a-z, A-Z, 0-9, _, and - characters (1 to 64 of them), not '{token}'.");
        if (await _services.Rooms.AddAsync(token, name, string.IsNullOrEmpty(description) ? null : description, cancellationToken) is null)
            return AdminResult<RoomSummary>.Refused($"room '{token}' already exists.");
        return await RoomInfoAsync(token, cancellationToken);
    }

    /// <summary>Removes a room with its posts; its files expire and are swept.</summary>
    public async Task<AdminResult<string>> RemoveRoomAsync(string token, CancellationToken cancellationToken) =>
        await _services.Rooms.RemoveAsync(token, cancellationToken)
            ? AdminResult<string>.Done(token)
            : AdminResult<string>.Refused($"no such room '{token}'.");

    /// <summary>Every room, by token.</summary>
    public async Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(CancellationToken cancellationToken)
    {
        var rooms = new List<RoomSummary>();
        foreach (var room in (await _services.Rooms.AllAsync(cancellationToken)).OrderBy(room => room.Token, StringComparer.Ordinal))
            rooms.Add(await RoomStatistics.SummarizeAsync(_database, room, JoinUrl(room.Token), cancellationToken));
        return rooms;
    }

    /// <summary>One room's details, moderators and bans.</summary>
    public async Task<AdminResult<RoomSummary>> RoomInfoAsync(string token, CancellationToken cancellationToken) =>
        await _services.Rooms.FindAsync(token, cancellationToken) is { } room
            ? AdminResult<RoomSummary>.Done(await RoomStatistics.SummarizeAsync(_database, room, JoinUrl(room.Token), cancellationToken))
            : AdminResult<RoomSummary>.Refused($"no such room '{token}'.");

    /// <summary>
    /// Makes <paramref name="id"/> a moderator (or admin) of room <paramref name="room"/>, or of every room when it
    /// is null. <paramref name="visible"/> null: visible in a room, hidden globally (pysogs's defaults).
    /// </summary>
    public Task<AdminResult<string>> AddModeratorAsync(string id, string? room, bool admin, bool? visible, CancellationToken cancellationToken) =>
        ChangeAsync(id, room, cancellationToken, (transaction, user, roomId) => roomId is { } r
            ? ModeratorWrites.SetRoomAsync(transaction, r, user.Id, admin, visible ?? true, cancellationToken)
            : ModeratorWrites.SetGlobalAsync(transaction, user.Id, admin, visible ?? false, cancellationToken));

    /// <summary>Takes moderator and admin rights in room <paramref name="room"/> (or globally when null) away.</summary>
    public Task<AdminResult<string>> RemoveModeratorAsync(string id, string? room, CancellationToken cancellationToken) =>
        ChangeAsync(id, room, cancellationToken, (transaction, user, roomId) => roomId is { } r
            ? ModeratorWrites.RemoveRoomAsync(transaction, r, user.Id, adminOnly: false, cancellationToken)
            : ModeratorWrites.RemoveGlobalAsync(transaction, user.Id, adminOnly: false, cancellationToken));

    /// <summary>Bans <paramref name="id"/> from the room (or the server), for <paramref name="timeout"/> when given.</summary>
    public Task<AdminResult<string>> BanAsync(string id, string? room, TimeSpan? timeout, CancellationToken cancellationToken) =>
        ChangeAsync(id, room, cancellationToken, (transaction, user, roomId) => roomId is { } r
            ? BanWrites.BanRoomAsync(transaction, r, user.Id, timeout?.TotalSeconds, _services.Now(), cancellationToken)
            : BanWrites.BanGlobalAsync(transaction, user.Id, timeout?.TotalSeconds, _services.Now(), cancellationToken),
            refuse: (user, roomId) => roomId is null && user.Moderator
                ? $"{user.SessionId} is a global moderator; remove that first (wisp community moderator remove {user.SessionId} --global)."
                : null);

    /// <summary>Lifts the ban of <paramref name="id"/> from the room (or the server-wide one).</summary>
    public Task<AdminResult<string>> UnbanAsync(string id, string? room, CancellationToken cancellationToken) =>
        ChangeAsync(id, room, cancellationToken, (transaction, user, roomId) => roomId is { } r
            ? BanWrites.UnbanRoomAsync(transaction, r, user.Id, cancellationToken)
            : BanWrites.UnbanGlobalAsync(transaction, user.Id, cancellationToken));

    /// <summary>Applies the bans and unbans now due and sweeps expired DMs and files (what the server does every 10 s).</summary>
    public Task SweepAsync(CancellationToken cancellationToken) => ExpirySweeper.SweepOnceAsync(_services, cancellationToken);

    private async Task<AdminResult<string>> ChangeAsync(
        string id, string? roomToken, CancellationToken cancellationToken, Func<Microsoft.Data.Sqlite.SqliteTransaction, CommunityUser, long?, Task> change,
        Func<CommunityUser, long?, string?>? refuse = null)
    {
        long? roomId = null;
        if (roomToken is not null)
        {
            if (await _services.Rooms.FindAsync(roomToken, cancellationToken) is not { } room)
                return AdminResult<string>.Refused($"no such room '{roomToken}'.");
            roomId = room.Id;
        }
        var resolved = await AdminIds.ResolveAsync(_services, id, cancellationToken);
        if (resolved.Value is not { } user)
            return AdminResult<string>.Refused(resolved.Error!);
        if (refuse?.Invoke(user, roomId) is { } refusal)
            return AdminResult<string>.Refused(refusal);
        await _database.WriteAsync(async (_, transaction) =>
        {
            await change(transaction, user, roomId);
            return true;
        }, cancellationToken);
        return AdminResult<string>.Done(user.SessionId);
    }

    public void Dispose()
    {
        _database.Dispose();
        _keys.Dispose();
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex RoomToken();
}
