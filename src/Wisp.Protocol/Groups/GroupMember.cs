namespace Wisp.Protocol.Groups;

/// <summary>
/// One entry of a group's members config (namespace 14), under <c>m</c> keyed by the 33-byte session ID:
/// <c>n</c> name, <c>p</c>/<c>q</c> picture, <c>A</c> admin, <c>I</c> invite status, <c>P</c> promotion status,
/// <c>R</c> removed status, <c>s</c> supplemental-keys invite.
/// </summary>
public sealed record GroupMember(string SessionId)
{
    /// <summary>The member's display name (<c>n</c>; always written, may be empty; truncated to 100 bytes).</summary>
    public string Name { get; init; } = "";

    /// <summary>The member's profile picture (<c>p</c> URL and <c>q</c> key).</summary>
    public GroupPicture? Picture { get; init; }

    /// <summary>The member is (or is being promoted to) an admin (<c>A</c>). Informative only: holding the group's
    /// secret key is what makes an admin.</summary>
    public bool Admin { get; init; }

    /// <summary>Invite state (<c>I</c>); None once accepted, and always None for an admin. New members start NotSent,
    /// as in libsession.</summary>
    public GroupInviteStatus Invite { get; init; } = GroupInviteStatus.NotSent;

    /// <summary>Promotion state (<c>P</c>); None once accepted.</summary>
    public GroupInviteStatus Promotion { get; init; }

    /// <summary>Removal state (<c>R</c>).</summary>
    public GroupRemovedStatus Removed { get; init; }

    /// <summary>The invite came with the existing keys (a supplement) rather than a rekey (<c>s</c>).</summary>
    public bool Supplement { get; init; }
}

/// <summary>libsession's STATUS_* values for invites and promotions.</summary>
public enum GroupInviteStatus
{
    /// <summary>Accepted (or never set): the key is absent.</summary>
    None = 0,

    /// <summary>Sent, not yet accepted.</summary>
    Sent = 1,

    /// <summary>Sending failed; should be resent.</summary>
    Failed = 2,

    /// <summary>Not sent yet.</summary>
    NotSent = 3,
}

/// <summary>libsession's REMOVED_* values.</summary>
public enum GroupRemovedStatus
{
    /// <summary>Not removed.</summary>
    None = 0,

    /// <summary>Removed (pending removal).</summary>
    Removed = 1,

    /// <summary>Removed, and their messages are to be deleted too.</summary>
    RemovedWithMessages = 2,
}

/// <summary>A member's consolidated status, libsession's <c>member::Status</c> with the same numbers.</summary>
public enum GroupMemberStatus
{
    /// <summary>An invite status this version does not know.</summary>
    InviteUnknown = 0,
    /// <summary>Invited; the invite is not sent.</summary>
    InviteNotSent = 1,
    /// <summary>Invited; the invite is being sent (local pending-send flag).</summary>
    InviteSending = 2,
    /// <summary>The invite failed to send.</summary>
    InviteFailed = 3,
    /// <summary>The invite was sent.</summary>
    InviteSent = 4,
    /// <summary>A member who accepted.</summary>
    InviteAccepted = 5,
    /// <summary>A promotion status this version does not know.</summary>
    PromotionUnknown = 6,
    /// <summary>Promoted; the promotion is not sent.</summary>
    PromotionNotSent = 7,
    /// <summary>Promoted; the promotion is being sent (local pending-send flag).</summary>
    PromotionSending = 8,
    /// <summary>The promotion failed to send.</summary>
    PromotionFailed = 9,
    /// <summary>The promotion was sent.</summary>
    PromotionSent = 10,
    /// <summary>An admin who accepted.</summary>
    PromotionAccepted = 11,
    /// <summary>A removed status this version does not know.</summary>
    RemovedUnknown = 12,
    /// <summary>Removed.</summary>
    Removed = 13,
    /// <summary>Removed together with their messages.</summary>
    RemovedIncludingMessages = 14,
}
