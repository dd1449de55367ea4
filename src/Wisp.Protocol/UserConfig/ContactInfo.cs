using Wisp.Protocol.Groups;

namespace Wisp.Protocol.UserConfig;

/// <summary>How long messages in a conversation last (libsession's <c>expiration_mode</c>).</summary>
public enum ExpirationMode
{
    /// <summary>Messages do not disappear.</summary>
    None = 0,

    /// <summary>Messages disappear a time after they are sent.</summary>
    AfterSend = 1,

    /// <summary>Messages disappear a time after they are read.</summary>
    AfterRead = 2,
}

/// <summary>A conversation's notification setting (libsession's <c>notify_mode</c>).</summary>
public enum NotifyMode
{
    /// <summary>The client's default.</summary>
    Default = 0,

    /// <summary>Every message.</summary>
    All = 1,

    /// <summary>None.</summary>
    Disabled = 2,

    /// <summary>Mentions only (groups; for a contact it reads as <see cref="All"/>).</summary>
    MentionsOnly = 3,
}

/// <summary>
/// One contact in the Contacts config (libsession's <c>contact_info</c>), keyed by its Session ID; <see cref="MuteUntil"/>
/// and <see cref="Created"/> are Unix seconds.
/// </summary>
public sealed record ContactInfo(string SessionId)
{
    /// <summary>The contact's own display name (empty when unknown).</summary>
    public string Name { get; init; } = "";

    /// <summary>The nickname this account gave the contact (empty for none).</summary>
    public string Nickname { get; init; } = "";

    /// <summary>The contact's picture, or null.</summary>
    public GroupPicture? Picture { get; init; }

    /// <summary>This account accepted the contact.</summary>
    public bool Approved { get; init; }

    /// <summary>The contact accepted this account.</summary>
    public bool ApprovedMe { get; init; }

    /// <summary>The contact is blocked.</summary>
    public bool Blocked { get; init; }

    /// <summary>Place in the conversation list: 0 unpinned, -1 hidden, higher pinned higher.</summary>
    public long Priority { get; init; }

    /// <summary>Notification setting.</summary>
    public NotifyMode Notifications { get; init; }

    /// <summary>Notifications muted until this Unix time (seconds); 0 for not muted.</summary>
    public long MuteUntil { get; init; }

    /// <summary>Disappearing messages mode.</summary>
    public ExpirationMode ExpirationMode { get; init; }

    /// <summary>Disappearing messages timer in seconds (0 with <see cref="ExpirationMode.None"/>).</summary>
    public long ExpirationSeconds { get; init; }

    /// <summary>When the contact was added (Unix seconds), 0 if unknown.</summary>
    public long Created { get; init; }
}
