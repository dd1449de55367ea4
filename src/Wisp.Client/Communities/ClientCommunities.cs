using System.Text;
using Wisp.Client.Conversations;
using Wisp.Crypto.Blinding;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Communities;

/// <summary>
/// The front door's communities (Session's community servers): join a room by its URL, leave, list, read, post, reply,
/// react, delete, send direct messages to members' blinded IDs, and, as a moderator, delete others' posts and ban.
/// Every request goes through onion paths, signed with this account's blinded key on that server. While the client
/// runs, joined rooms are polled with Session's <c>/batch</c> of since-queries; what arrives is stored and reported as
/// <see cref="ClientEvent.Community"/> events.
/// </summary>
public sealed partial class ClientCommunities : IDisposable
{
    private readonly CommunityStore _store;
    private readonly CommunitySigner _signer;
    private readonly Func<ICommunityTransport?> _transport;
    private readonly Func<long> _nowMs;
    private readonly Func<string?> _displayName;
    private readonly Action<CommunityEvent> _publish;
    private readonly SemaphoreSlim _polling = new(1, 1);

    internal ClientCommunities(
        LocalStore db, Ed25519KeyPair account, Func<ICommunityTransport?> transport, Func<long> nowMs, Func<string?> displayName,
        Action<CommunityEvent> publish)
    {
        _store = new CommunityStore(db);
        _signer = new CommunitySigner(account, () => nowMs() / 1000);
        _transport = transport;
        _nowMs = nowMs;
        _displayName = displayName;
        _publish = publish;
        Poller = new CommunityPoller(FetchAsync, (server, why) => _publish(new CommunityEvent.PollFailed(server, why)));
    }

    /// <summary>How often joined rooms are polled while the client runs (4 s, as Session's community poller).</summary>
    public static TimeSpan PollInterval => CommunityLimits.PollInterval;

    /// <summary>The background poller (started by <see cref="WispClient.Start"/>).</summary>
    internal CommunityPoller Poller { get; }

    /// <summary>A transport that replaces the network's onion paths (the bench's direct HTTP baseline).</summary>
    internal ICommunityTransport? TransportOverride { get; set; }

    /// <summary>Every joined room, oldest join first.</summary>
    public IReadOnlyList<CommunityRoomView> List()
    {
        var rows = _store.Rooms();
        return [.. rows.Select(r => View(r, rows))];
    }

    /// <summary>
    /// The joined room <paramref name="room"/> names: its token (when only one joined server has it), <c>host:port/token</c>,
    /// or its URL. Null with why otherwise.
    /// </summary>
    public CommunityRoomView? Find(string room, out string? error)
    {
        var rows = _store.Rooms();
        var row = Resolve(room, rows, out error);
        return row is null ? null : View(row, rows);
    }

    /// <summary>
    /// Joins the room of a URL in Session's form (<c>http://host:port/ROOM?public_key=HEX</c>): reads the room's details
    /// from the server through an onion path (which also proves the key is the server's), then stores it. Joining a room
    /// already joined refreshes its details.
    /// </summary>
    public async Task<CommunityResult<CommunityRoomView>> JoinAsync(string url, CancellationToken cancellationToken)
    {
        if (!CommunityUrl.TryParse(url, out var parsed, out var error))
            return CommunityResult<CommunityRoomView>.Failed(error);
        if (Calls() is not { } calls)
            return CommunityResult<CommunityRoomView>.Failed(NotConnected);
        var server = new CommunityServer(parsed.BaseUrl, parsed.ServerKey);
        var room = await calls.RoomAsync(server, parsed.Room, cancellationToken).ConfigureAwait(false);
        if (!room.Ok)
            return CommunityResult<CommunityRoomView>.From(room);
        if (room.Value!.Token != parsed.Room)
            return CommunityResult<CommunityRoomView>.Failed($"{server.Base} answered for room \"{room.Value.Token}\", not \"{parsed.Room}\"");
        _store.Join(server.Base, parsed.ServerKey.ToHex(), room.Value, _nowMs());
        var joined = Find($"{Authority(server.Base)}/{parsed.Room}", out error)!;
        Poller.Nudge();
        return CommunityResult<CommunityRoomView>.Of(joined);
    }

    /// <summary>Leaves a joined room: forgets it and its messages here (a community keeps no member list to leave).</summary>
    public CommunityResult Leave(string room)
    {
        var row = Resolve(room, _store.Rooms(), out var error);
        if (row is null)
            return CommunityResult.Failed(error!);
        _store.Leave(row.BaseUrl, row.Token);
        return CommunityResult.Done;
    }

    /// <summary>The room's newest <paramref name="limit"/> messages as stored here (before <paramref name="beforeId"/> when set), oldest first.</summary>
    public IReadOnlyList<CommunityMessageView> History(string room, int limit = 100, long? beforeId = null)
    {
        var rows = _store.Rooms();
        var row = Resolve(room, rows, out _);
        if (row is null)
            return [];
        var reference = Reference(row, rows);
        var own = OwnId(row);
        return [.. _store.History(row.BaseUrl, row.Token, limit, beforeId).Select(m => CommunityMessages.ToView(m, reference, own, _store))];
    }

    /// <summary>One message as stored here, or null.</summary>
    public CommunityMessageView? Message(string room, long messageId)
    {
        var rows = _store.Rooms();
        if (Resolve(room, rows, out _) is not { } row || _store.Get(row.BaseUrl, row.Token, messageId) is not { } message)
            return null;
        return CommunityMessages.ToView(message, Reference(row, rows), OwnId(row), _store);
    }

    /// <summary>This account's blinded ID on the room's server (what its members see), or null when the room is not joined.</summary>
    public string? BlindedId(string room) => Resolve(room, _store.Rooms(), out _) is { } row ? OwnId(row) : null;

    /// <summary>The direct messages with members of the room's server, oldest first.</summary>
    public IReadOnlyList<CommunityDmView> Dms(string room, int limit = 100) =>
        Resolve(room, _store.Rooms(), out _) is { } row ? _store.Dms(row.BaseUrl, limit) : [];

    /// <summary>Stops using the blinded keys (they are zeroed).</summary>
    public void Dispose()
    {
        _signer.Dispose();
        _polling.Dispose();
    }

    private const string NotConnected = "not connected to a network: communities are reached through its onion paths (is `wisp up` running?)";

    private CommunityCalls? Calls() =>
        (TransportOverride ?? _transport()) is { } transport ? new CommunityCalls(transport, _signer) : null;

    private string OwnId(RoomRow row) => _signer.KeysFor(Server(row)).Id.Hex;

    private static CommunityServer Server(RoomRow row) => new(new Uri(row.BaseUrl), X25519PublicKey.FromHex(row.ServerKey));

    private CommunityRoomView View(RoomRow row, IReadOnlyList<RoomRow> all) => new(
        Reference(row, all), $"{row.BaseUrl}/{row.Token}?public_key={row.ServerKey}", row.BaseUrl, row.Token, row.Name, row.Description,
        row.ActiveUsers, row.Read, row.Write, row.Moderator, row.Admin, OwnId(row), row.JoinedMs, row.Seqno);

    private static string Authority(string baseUrl) => new Uri(baseUrl).Authority;

    private static string Reference(RoomRow row, IReadOnlyList<RoomRow> all) =>
        all.Count(r => r.Token == row.Token) == 1 ? row.Token : $"{Authority(row.BaseUrl)}/{row.Token}";

    private static RoomRow? Resolve(string room, IReadOnlyList<RoomRow> rows, out string? error)
    {
        error = null;
        room = room?.Trim() ?? "";
        if (room.Length == 0)
        {
            error = "name a room: its token, host:port/token, or its URL";
            return null;
        }
        if (room.Contains("://", StringComparison.Ordinal))
        {
            if (!CommunityUrl.TryParse(room, out var url, out error))
                return null;
            room = $"{url.BaseUrl.Authority}/{url.Room}";
        }
        var slash = room.LastIndexOf('/');
        var matches = slash < 0
            ? rows.Where(r => r.Token == room).ToList()
            : rows.Where(r => r.Token == room[(slash + 1)..] && Authority(r.BaseUrl).Equals(room[..slash], StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count == 1)
            return matches[0];
        error = matches.Count == 0
            ? $"no joined room \"{room}\"; `wisp community list` shows the joined ones, `wisp community join URL` joins one"
            : $"{matches.Count} joined servers have a room \"{room}\"; name it as host:port/{room}";
        return null;
    }

    private static string? CheckText(string text) =>
        string.IsNullOrWhiteSpace(text) ? "the message is empty"
        : Encoding.UTF8.GetByteCount(text) > CommunityLimits.MaxTextBytes
            ? $"the message is {Encoding.UTF8.GetByteCount(text)} bytes of UTF-8; a community message is at most {CommunityLimits.MaxTextBytes}"
        : null;

    private static bool IsBlinded(string id) => Crypto.Blinding.BlindedId.TryParse(id, out _, out _);
}
