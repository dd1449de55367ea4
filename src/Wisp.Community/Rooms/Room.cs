namespace Wisp.Community.Rooms;

/// <summary>A <c>rooms</c> row.</summary>
/// <param name="Id">Row id.</param>
/// <param name="Token">The token in URLs (<c>[\w-]{1,64}</c>).</param>
/// <param name="Name">Public name.</param>
/// <param name="Description">Public description, or null.</param>
/// <param name="ImageId">The room image's file id (S2's files), or null.</param>
/// <param name="Created">Unix seconds.</param>
/// <param name="MessageSequence">The room's top seqno: +1 per post, edit, deletion and reaction change.</param>
/// <param name="InfoUpdates">+1 per change of name, description, image, pins or moderators.</param>
/// <param name="ActiveUsers">Users active in the last week (pysogs's default cutoff).</param>
/// <param name="DefaultRead">Default read permission.</param>
/// <param name="DefaultAccessible">Default accessible permission (details visible without read).</param>
/// <param name="DefaultWrite">Default write permission.</param>
/// <param name="DefaultUpload">Default upload permission.</param>
internal sealed record Room(
    long Id, string Token, string Name, string? Description, long? ImageId, double Created, long MessageSequence, long InfoUpdates,
    long ActiveUsers, bool DefaultRead, bool DefaultAccessible, bool DefaultWrite, bool DefaultUpload);
