namespace Wisp.Protocol.Groups;

/// <summary>Limits and constants of group keys and group messages (libsession's, unless said otherwise).</summary>
public static class GroupKeyLimits
{
    /// <summary>Entries: the member key list of a full keys message is padded with junk to a multiple of this, so its length hides the member count.</summary>
    public const int MemberKeyMultiple = 75;

    /// <summary>Bytes of one wrapped key: a 32-byte key plus a 16-byte Poly1305 tag.</summary>
    public const int WrappedKeyBytes = 48;

    /// <summary>Bytes: the smallest sealed supplement entry (a bencoded list of one minimal key dict, plus the tag).</summary>
    public const int MinSupplementEntryBytes = 52 + 16;

    /// <summary>Milliseconds: a generation superseded for longer than this (60 days) is dropped; messages live at most 30 days, so this is double.</summary>
    public const long KeyExpiryMs = 60L * 24 * 60 * 60 * 1000;

    /// <summary>Bytes: the largest plaintext a group message may carry (before compression).</summary>
    public const int MaxPlaintextBytes = 1_000_000;

    /// <summary>Bytes: group messages are zero-padded so nonce + ciphertext is a multiple of this.</summary>
    public const int DefaultPadding = 256;

    /// <summary>
    /// Members: Wisp's ceiling (Session's clients stop at 100). A full keys message for 1,500 members (1,500 wrapped
    /// keys, a multiple of 75) is 76,643 bytes; 1,501 pads to 1,575 entries and passes the 76,800-byte store limit.
    /// </summary>
    public const int MaxMembers = 1_500;
}
