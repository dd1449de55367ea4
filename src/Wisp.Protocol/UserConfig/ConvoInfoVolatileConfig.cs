using Wisp.Crypto.Keys;
using Wisp.Protocol.Groups;

namespace Wisp.Protocol.UserConfig;

/// <summary>A conversation's read state: the last read message's time (Unix ms) and an explicit unread mark.</summary>
public sealed record ConversationReadState(string Id, long LastReadMs, bool Unread);

/// <summary>
/// The account's read state per conversation (namespace 4, libsession's <c>ConvoInfoVolatile</c>): under <c>1</c> each
/// contact's 33-byte Session ID, under <c>g</c> each group's 33-byte (03-prefixed) id, maps to <c>r</c> last read (ms,
/// always written) and <c>u</c> marked unread. Communities (<c>o</c>) and legacy groups (<c>C</c>) are carried through
/// unchanged. Entries are not taken if read more than 30 days ago, and are pruned on push after 45 days, as libsession
/// does; the caller supplies the clock.
/// </summary>
public sealed class ConvoInfoVolatileConfig : UserConfigBase
{
    /// <summary>Milliseconds: a last-read time older than this is not recorded (libsession's PRUNE_LOW, 30 days).</summary>
    public const long PruneLowMs = 30L * 24 * 3600 * 1000;

    /// <summary>Milliseconds: entries read longer ago than this (and not marked unread) go on push (PRUNE_HIGH, 45 days).</summary>
    public const long PruneHighMs = 45L * 24 * 3600 * 1000;

    /// <summary>An empty config, or one restored from <paramref name="dump"/>.</summary>
    public ConvoInfoVolatileConfig(Ed25519KeyPair account, byte[]? dump = null)
        : base(UserConfigKind.ConvoInfoVolatile, account, dump)
    {
    }

    /// <summary>Every one-to-one conversation's state, by Session ID (hex).</summary>
    public IEnumerable<ConversationReadState> OneToOnes => Read("1");

    /// <summary>Every group conversation's state, by group id (hex, 03-prefixed).</summary>
    public IEnumerable<ConversationReadState> Groups => Read("g");

    /// <summary>A one-to-one conversation's state, or null.</summary>
    public ConversationReadState? GetOneToOne(string sessionId) => Get("1", sessionId, 0x05);

    /// <summary>A group conversation's state, or null.</summary>
    public ConversationReadState? GetGroup(string groupId) => Get("g", groupId, 0x03);

    /// <summary>Records a one-to-one conversation's state at <paramref name="nowMs"/>.</summary>
    public void SetOneToOne(ConversationReadState state, long nowMs) => Set("1", state, 0x05, nowMs);

    /// <summary>Records a group conversation's state at <paramref name="nowMs"/>.</summary>
    public void SetGroup(ConversationReadState state, long nowMs) => Set("g", state, 0x03, nowMs);

    /// <summary>Removes conversations read before <paramref name="nowMs"/> − 45 days and not marked unread.</summary>
    public void PruneStale(long nowMs)
    {
        var cutoff = nowMs - PruneHighMs;
        foreach (var section in new[] { "1", "g", "C" })
        {
            if (UserConfigFields.Child(Data, section) is not { } dict)
                continue;
            var stale = dict.Entries
                .Where(e => e.Value is ConfigDict d && UserConfigFields.Int(d, "u") == 0 && UserConfigFields.Int(d, "r") < cutoff)
                .Select(e => e.Key)
                .ToList();
            if (stale.Count > 0)
                Change(data => stale.ForEach(k => UserConfigFields.Child(data, section)!.Entries.Remove(k)));
        }
    }

    /// <summary>Prunes stale entries (as libsession's push does), then makes the message to store.</summary>
    public ConfigPush Push(long nowMs)
    {
        PruneStale(nowMs);
        return Push();
    }

    private IEnumerable<ConversationReadState> Read(string section)
    {
        if (UserConfigFields.Child(Data, section) is not { } dict)
            yield break;
        foreach (var (key, value) in dict.Entries)
        {
            if (key.Length == 33 && value is ConfigDict info)
                yield return new ConversationReadState(Convert.ToHexStringLower(key), UserConfigFields.Int(info, "r"), UserConfigFields.Int(info, "u") != 0);
        }
    }

    private ConversationReadState? Get(string section, string id, byte prefix)
    {
        var key = UserConfigFields.SessionIdBytes(id, prefix);
        return UserConfigFields.Child(Data, section) is { } dict && UserConfigFields.Child(dict, key) is { } info
            ? new ConversationReadState(id.ToLowerInvariant(), UserConfigFields.Int(info, "r"), UserConfigFields.Int(info, "u") != 0)
            : null;
    }

    private void Set(string section, ConversationReadState state, byte prefix, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(state);
        var key = UserConfigFields.SessionIdBytes(state.Id, prefix);
        Change(data =>
        {
            var info = UserConfigFields.Ensure(UserConfigFields.Ensure(data, section), key);
            // Moving the time back is always taken (a reset after a deletion); a new time only when recent enough.
            if (ConfigFields.Integer(info, "r") is { } current && state.LastReadMs < current)
                info.Set("r", new ConfigScalar(state.LastReadMs));
            else if (state.LastReadMs > nowMs - PruneLowMs)
                info.Set("r", new ConfigScalar(state.LastReadMs));
            ConfigFields.SetFlag(info, "u", state.Unread);
        });
    }
}
