using Wisp.Community.Auth;
using Wisp.Community.Rooms;
using Wisp.Community.Storage;

namespace Wisp.Community.Api;

/// <summary>
/// What route handlers share: the database, the clock, the server's keys and options, and the stores. One instance
/// per server. S2's stores (moderation, DMs, files) are added here as properties when they arrive.
/// </summary>
internal sealed class CommunityServices(CommunityDatabase database, TimeProvider time, ServerKeys keys, CommunityServerOptions options)
{
    public CommunityDatabase Database { get; } = database;

    public TimeProvider Time { get; } = time;

    public ServerKeys Keys { get; } = keys;

    public CommunityServerOptions Options { get; } = options;

    public RoomStore Rooms { get; } = new(database, time);

    public UserStore Users { get; } = new(database, time);

    public PermissionStore Permissions { get; } = new(database);

    public Messages.MessageReader Messages { get; } = new(database);

    public Messages.MessageWriter Writer { get; } = new(database, time);

    public Messages.ReactionStore Reactions { get; } = new(database, time);

    public Messages.PinStore Pins { get; } = new(database, time);

    /// <summary>Direct messages between users.</summary>
    public Dms.DmStore Dms { get; } = new(database);

    /// <summary>Room files in the data directory.</summary>
    public Files.RoomFileStore RoomFiles { get; } = new(database, options.DataDirectory);

    /// <summary>Now, in unix seconds with fractions, as pysogs stores times.</summary>
    public double Now() => Time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
}
