namespace Wisp.Community.Admin;

/// <summary>An administration step's outcome: its value, or the sentence saying why it was refused.</summary>
public sealed record AdminResult<T>(T? Value, string? Error)
{
    /// <summary>True when the step was done.</summary>
    public bool Ok => Error is null;

    internal static AdminResult<T> Done(T value) => new(value, null);

    internal static AdminResult<T> Refused(string error) => new(default, error);
}

/// <summary>A room as <c>wisp community room info</c> shows it.</summary>
/// <param name="Token">The token in URLs.</param>
/// <param name="Name">Public name.</param>
/// <param name="Description">Public description, or null.</param>
/// <param name="JoinUrl">Session's join URL: <c>http://host:port/TOKEN?public_key=HEX</c>.</param>
/// <param name="Created">Unix seconds.</param>
/// <param name="Messages">Posts not deleted.</param>
/// <param name="Files">Stored files.</param>
/// <param name="FileBytes">Their size in bytes.</param>
/// <param name="ActiveUsers">Users active in the last 7 days.</param>
/// <param name="DefaultRead">Whether members may read by default.</param>
/// <param name="DefaultWrite">Whether members may post by default.</param>
/// <param name="DefaultUpload">Whether members may upload by default.</param>
/// <param name="DefaultAccessible">Whether the room's details are visible without read rights.</param>
/// <param name="Admins">Visible admins (room or global).</param>
/// <param name="Moderators">Visible moderators.</param>
/// <param name="HiddenAdmins">Hidden admins.</param>
/// <param name="HiddenModerators">Hidden moderators.</param>
/// <param name="Banned">IDs banned from this room (global bans not included).</param>
public sealed record RoomSummary(
    string Token, string Name, string? Description, string JoinUrl, double Created, long Messages, long Files, long FileBytes, long ActiveUsers,
    bool DefaultRead, bool DefaultWrite, bool DefaultUpload, bool DefaultAccessible,
    IReadOnlyList<string> Admins, IReadOnlyList<string> Moderators, IReadOnlyList<string> HiddenAdmins, IReadOnlyList<string> HiddenModerators,
    IReadOnlyList<string> Banned);
