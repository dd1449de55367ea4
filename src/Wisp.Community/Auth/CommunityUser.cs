namespace Wisp.Community.Auth;

/// <summary>
/// A user row: the ID the request signed with (<c>15…</c> or <c>25…</c> blinded, or <c>05…</c> from an unblinded
/// <c>00…</c> key) and the server-wide flags. Per-room rights are in <see cref="RoomPermissions"/>.
/// </summary>
/// <param name="Id">The <c>users</c> row id.</param>
/// <param name="SessionId">66 hex characters with the prefix.</param>
/// <param name="Banned">Banned from the whole server.</param>
/// <param name="Moderator">Moderator of every room.</param>
/// <param name="Admin">Admin of every room.</param>
/// <param name="VisibleMod">Whether a global moderator is listed publicly.</param>
internal sealed record CommunityUser(long Id, string SessionId, bool Banned, bool Moderator, bool Admin, bool VisibleMod)
{
    /// <summary>The Ed25519 key this request was signed with (set by the authenticator; null for a user looked up by ID).</summary>
    public byte[]? SigningKey { get; init; }

    /// <summary>Whether the user signed with a blinded key (<c>15…</c> or <c>25…</c>).</summary>
    public bool IsBlinded => SessionId.StartsWith("15", StringComparison.Ordinal) || SessionId.StartsWith("25", StringComparison.Ordinal);
}

/// <summary>
/// What one user may do in one room, as pysogs's <c>user_permissions</c> view computes it: a global moderator may do
/// everything; otherwise the room's override for the user, else the room's default. <see cref="Banned"/> is the
/// global ban or the room ban; <see cref="Moderator"/> includes admins and global moderators, and passes every check.
/// </summary>
internal readonly record struct RoomPermissions(bool Banned, bool Read, bool Accessible, bool Write, bool Upload, bool Moderator, bool Admin)
{
    /// <summary>pysogs's <c>check_read</c>: a moderator, or may read and is not banned.</summary>
    public bool CanRead => Moderator || (Read && !Banned);

    /// <summary>pysogs's <c>check_accessible</c>: a moderator, or may see the room's details (read implies it) and is not banned.</summary>
    public bool CanAccess => Moderator || ((Read || Accessible) && !Banned);

    /// <summary>pysogs's <c>check_write</c>: a moderator, or may post and is not banned.</summary>
    public bool CanWrite => Moderator || (Write && !Banned);

    /// <summary>pysogs's <c>check_upload</c>: a moderator, or may upload and post and is not banned.</summary>
    public bool CanUpload => Moderator || (Upload && Write && !Banned);
}
