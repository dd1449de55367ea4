namespace Wisp.Protocol.Groups;

/// <summary>Limits of the group config formats, each as libsession-util sets it.</summary>
public static class ConfigLimits
{
    /// <summary>Bytes: largest encrypted config message (the storage server's message limit, libsession's MAX_MESSAGE_SIZE).</summary>
    public const int MaxMessageBytes = 76_800;

    /// <summary>Seqnos: how many earlier diffs a message carries (libsession's DEFAULT_DIFF_LAGS), which bounds how far
    /// behind a concurrent edit may be and still merge.</summary>
    public const int DiffLags = 5;

    /// <summary>Bytes: largest decompressed config Wisp accepts (the 76,800-byte stored message can expand this far at
    /// most for any sane config; a bound so a zstd bomb cannot exhaust memory).</summary>
    public const int MaxDecompressedBytes = 4 * 1024 * 1024;

    /// <summary>UTF-8 bytes: a group name (groups::Info::NAME_MAX_LENGTH).</summary>
    public const int NameMaxBytes = 100;

    /// <summary>UTF-8 bytes: a group description (groups::Info::DESCRIPTION_MAX_LENGTH).</summary>
    public const int DescriptionMaxBytes = 2000;

    /// <summary>UTF-8 bytes: a member's name (groups::member::MAX_NAME_LENGTH); longer names are truncated.</summary>
    public const int MemberNameMaxBytes = 100;

    /// <summary>Bytes: a picture URL (profile_pic::MAX_URL_LENGTH).</summary>
    public const int PictureUrlMaxBytes = 223;

    /// <summary>Bytes: a picture's decryption key.</summary>
    public const int PictureKeyBytes = 32;
}
