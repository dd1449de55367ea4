using Wisp.Crypto.Keys;

namespace Wisp.Client.Groups;

/// <summary>Where this account stands in a group.</summary>
public enum GroupRole
{
    /// <summary>Holds the group's key: signs its configs and keys, invites, removes, promotes.</summary>
    Admin,
    /// <summary>A member: reads and writes the group's messages with an admin-signed subaccount token.</summary>
    Member,
    /// <summary>Invited: the invite waits for <see cref="ClientGroups.AcceptAsync"/> or <see cref="ClientGroups.Decline"/>.</summary>
    Invited,
    /// <summary>Removed by an admin: reads nothing sent since.</summary>
    Removed,
    /// <summary>Left the group.</summary>
    Left,
}

/// <summary>A member's status in the group's member list.</summary>
public enum GroupMemberState
{
    /// <summary>Invited, not yet seen in the group.</summary>
    Invited,
    /// <summary>In the group.</summary>
    Joined,
    /// <summary>Removed, or left.</summary>
    Removed,
}

/// <summary>One group as this account knows it.</summary>
/// <param name="Id">The group's ID: 03 + 64 hex characters of its Ed25519 key.</param>
/// <param name="Name">Its name.</param>
/// <param name="Description">Its description, if any.</param>
/// <param name="Role">This account's role.</param>
/// <param name="InvitedBy">Who invited this account, if it was invited.</param>
/// <param name="KeyGeneration">The newest key generation this account holds (null: none yet).</param>
/// <param name="CreatedMs">When this account first knew it, Unix ms.</param>
public sealed record GroupView(
    string Id, string Name, string? Description, GroupRole Role, AccountId? InvitedBy, long? KeyGeneration, long CreatedMs);

/// <summary>One member of a group.</summary>
/// <param name="AccountId">The member's Account ID.</param>
/// <param name="Admin">True for an admin.</param>
/// <param name="Status">Invited, joined or removed.</param>
public sealed record GroupMemberView(AccountId AccountId, bool Admin, GroupMemberState Status);

/// <summary>What a group message is.</summary>
public enum GroupMessageKind
{
    /// <summary>Text a member wrote.</summary>
    Text,
    /// <summary>A system line: a join, a leave, a removal, a promotion, a rename.</summary>
    Update,
}

/// <summary>One message of a group conversation.</summary>
/// <param name="Id">The local message id.</param>
/// <param name="GroupId">The group's ID.</param>
/// <param name="Sender">Who wrote it (for an update: the admin or member it came from).</param>
/// <param name="Outgoing">True when this account sent it.</param>
/// <param name="Kind">Text or a system line.</param>
/// <param name="Body">The text, or the system line's sentence.</param>
/// <param name="SentAtMs">The sender's timestamp, Unix ms.</param>
/// <param name="Status">For outgoing messages: "pending", "sent" or "failed"; null for incoming.</param>
public sealed record GroupMessageView(
    string Id, string GroupId, AccountId Sender, bool Outgoing, GroupMessageKind Kind, string Body, long SentAtMs, string? Status);
