using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Groups;

namespace Wisp.Protocol.UserConfig;

/// <summary>
/// A group the account belongs to (libsession's <c>group_info</c>): its 03-prefixed id, the name from the invitation,
/// the admin seed when known (32 bytes) else the 100-byte member authentication data, and the list settings.
/// </summary>
public sealed record UserGroupInfo(string GroupId)
{
    /// <summary>The name as the invitation gave it (the group's info config supersedes it).</summary>
    public string Name { get; init; } = "";

    /// <summary>The group's Ed25519 seed when this account is an admin; else null.</summary>
    public byte[]? AdminSeed { get; init; }

    /// <summary>A member's authentication data (100 bytes) when not an admin; else null.</summary>
    public byte[]? AuthData { get; init; }

    /// <summary>Place in the list: 0 unpinned, -1 hidden, higher pinned higher.</summary>
    public long Priority { get; init; }

    /// <summary>When the account joined (Unix seconds), 0 if unknown.</summary>
    public long JoinedAt { get; init; }

    /// <summary>Notification setting.</summary>
    public NotifyMode Notifications { get; init; }

    /// <summary>Muted until this Unix time (seconds); 0 for not muted.</summary>
    public long MuteUntil { get; init; }

    /// <summary>Invited, not yet joined.</summary>
    public bool Invited { get; init; }

    /// <summary>Why the account was removed (libsession's removed_status); 0 if it was not.</summary>
    public long RemovedStatus { get; init; }
}

/// <summary>
/// The account's group memberships (namespace 5, libsession's <c>UserGroups</c>): under <c>g</c> each group's 33-byte id
/// maps to <c>K</c> seed (always written, empty when not an admin), <c>s</c> auth data, <c>n</c> name, <c>r</c> removed
/// status, <c>+</c>, <c>j</c>, <c>@</c>, <c>!</c>, <c>i</c>. Communities (<c>o</c>) and legacy groups (<c>C</c>) are carried
/// through unchanged.
/// </summary>
public sealed class UserGroupsConfig : UserConfigBase
{
    private const byte GroupPrefix = 0x03;
    private const int AuthDataBytes = 100;

    /// <summary>An empty config, or one restored from <paramref name="dump"/>.</summary>
    public UserGroupsConfig(Ed25519KeyPair account, byte[]? dump = null)
        : base(UserConfigKind.UserGroups, account, dump)
    {
    }

    /// <summary>Every (new-style) group, in id order.</summary>
    public IEnumerable<UserGroupInfo> Groups
    {
        get
        {
            if (UserConfigFields.Child(Data, "g") is not { } groups)
                yield break;
            foreach (var (key, value) in groups.Entries)
            {
                if (key.Length == 33 && key[0] == GroupPrefix && value is ConfigDict info)
                    yield return Load(key, info);
            }
        }
    }

    /// <summary>The group, or null.</summary>
    public UserGroupInfo? Get(string groupId)
    {
        var key = UserConfigFields.SessionIdBytes(groupId, GroupPrefix);
        return UserConfigFields.Child(Data, "g") is { } g && UserConfigFields.Child(g, key) is { } info ? Load(key, info) : null;
    }

    /// <summary>Writes the group's every field; a change starts a new seqno.</summary>
    public void Set(UserGroupInfo group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var key = UserConfigFields.SessionIdBytes(group.GroupId, GroupPrefix);
        Change(data =>
        {
            var info = UserConfigFields.Ensure(UserConfigFields.Ensure(data, "g"), key);
            UserConfigFields.SetNonZero(info, "+", group.Priority);
            ConfigFields.SetPositive(info, "j", group.JoinedAt);
            ConfigFields.SetPositive(info, "@", (long)group.Notifications);
            ConfigFields.SetPositive(info, "!", group.MuteUntil);
            ConfigFields.SetFlag(info, "i", group.Invited);
            ConfigFields.SetNonEmptyString(info, "n", UserConfigFields.Truncate(group.Name, ConfigLimits.NameMaxBytes));
            ConfigFields.SetPositive(info, "r", group.RemovedStatus);
            // The seed is kept only if it is this group's key, as libsession checks.
            if (group.AdminSeed is { Length: Ed25519KeyPair.SeedBytes } seed && SeedMatches(seed, key))
            {
                info.Set("K", new ConfigScalar(seed.ToArray()));
                info.Remove("s");
            }
            else
            {
                info.Set("K", new ConfigScalar([]));
                if (group.AuthData is { Length: AuthDataBytes } auth)
                    info.Set("s", new ConfigScalar(auth.ToArray()));
                else
                    info.Remove("s");
            }
        });
    }

    /// <summary>Removes the group; false if it was not there.</summary>
    public bool Erase(string groupId)
    {
        var key = UserConfigFields.SessionIdBytes(groupId, GroupPrefix);
        if (UserConfigFields.Child(Data, "g") is not { } g || !g.Entries.ContainsKey(key))
            return false;
        Change(data => UserConfigFields.Child(data, "g")!.Entries.Remove(key));
        return true;
    }

    private static bool SeedMatches(byte[] seed, byte[] key)
    {
        using var pair = Ed25519KeyPair.FromSeed(seed);
        return pair.PublicKey.Span.SequenceEqual(key.AsSpan(1));
    }

    private static UserGroupInfo Load(byte[] key, ConfigDict info)
    {
        var notify = UserConfigFields.Int(info, "@");
        var seed = info["K"] is ConfigScalar { Bytes: { Length: Ed25519KeyPair.SeedBytes } k } && SeedMatches(k, key) ? k.ToArray() : null;
        return new UserGroupInfo(Convert.ToHexStringLower(key))
        {
            Name = UserConfigFields.String(info, "n"),
            AdminSeed = seed,
            AuthData = info["s"] is ConfigScalar { Bytes: { Length: AuthDataBytes } s } ? s.ToArray() : null,
            Priority = UserConfigFields.Int(info, "+"),
            JoinedAt = Math.Max(0, UserConfigFields.Int(info, "j")),
            Notifications = notify is >= 0 and <= 3 ? (NotifyMode)notify : NotifyMode.Default,
            MuteUntil = UserConfigFields.Int(info, "!"),
            Invited = UserConfigFields.Int(info, "i") != 0,
            RemovedStatus = UserConfigFields.Int(info, "r"),
        };
    }
}
