namespace Wisp.Protocol.Devices;

/// <summary>
/// One device's record in a group payload (bt dict keys in brackets): its sequence number <c>#</c>, when it last
/// updated <c>@</c> (Unix s), its current ML-KEM-768 <c>M</c> and X25519 <c>X</c> public keys, a free-form
/// description <c>d</c> (≤ 64 bytes), a type <c>t</c> ("i", "a", "d", "c" for a CLI, or longer free-form), a version
/// <c>v</c> (1,000,000·major + 1,000·minor + patch), Wisp's optional direct key <c>wd</c> (the device's 32-byte X25519
/// direct-path key, so the account's other devices can open direct sessions to it), and any fields a newer client
/// added, kept as they came.
/// </summary>
/// <param name="Id">The 32-byte device id (the record's key in the payload's <c>D</c> dict).</param>
/// <param name="Seq">Raised by the device on every change; others keep the highest.</param>
/// <param name="Timestamp">When the device last updated its record, Unix seconds.</param>
/// <param name="MlKemPublicKey">1184 bytes.</param>
/// <param name="X25519PublicKey">32 bytes.</param>
/// <param name="Description">What the device calls itself.</param>
/// <param name="Type">The platform letter, or a free-form type; empty for none.</param>
/// <param name="Version">The client version as one integer; 0 for none.</param>
/// <param name="Extra">Unknown fields (raw key bytes, value), republished unchanged.</param>
public sealed record DeviceRecord(
    byte[] Id,
    long Seq,
    long Timestamp,
    byte[] MlKemPublicKey,
    byte[] X25519PublicKey,
    string Description,
    string Type,
    long Version,
    IReadOnlyList<KeyValuePair<byte[], Bencode.BencodeValue>> Extra)
{
    /// <summary>
    /// The device's direct-path key (X25519, 32 bytes; <c>wd</c>), or null when it has none yet or its client does not
    /// know direct mode. Optional, so records without it still read and merge as before.
    /// </summary>
    public byte[]? DirectKey { get; init; }

    /// <summary>Wisp's own type letter (Session's <c>Session_CLI</c>).</summary>
    public const string CliType = "c";

    /// <summary>Encodes a version triple as Session does (minor and patch clamped to 0–999).</summary>
    public static long EncodeVersion(int major, int minor, int patch) =>
        major * 1_000_000L + Math.Clamp(minor, 0, 999) * 1000L + Math.Clamp(patch, 0, 999);

    /// <summary>The id as 64 lower-case hex characters.</summary>
    public string IdHex => Convert.ToHexStringLower(Id);

    /// <summary>A type for people: "iOS", "Android", "Desktop", "CLI", or the free-form text.</summary>
    public static string DescribeType(string type) => type switch
    {
        "i" => "iOS",
        "a" => "Android",
        "d" => "Desktop",
        "c" => "CLI",
        "" => "unknown",
        _ => type,
    };

    /// <summary>Cuts <paramref name="description"/> to 64 UTF-8 bytes on a character boundary.</summary>
    public static string TruncateDescription(string description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var text = description;
        while (System.Text.Encoding.UTF8.GetByteCount(text) > DeviceGroupLimits.MaxDescriptionBytes)
            text = text[..^(char.IsLowSurrogate(text[^1]) && text.Length > 1 ? 2 : 1)];
        return text;
    }
}

/// <summary>Where a device stands in a group; the numbers are a rank, and merging compares them first.</summary>
public enum DeviceState
{
    /// <summary>Asking to join (a link request), not in the group.</summary>
    Pending = 1,

    /// <summary>In the group: a recipient of every group message.</summary>
    Registered = 2,

    /// <summary>Left of its own accord (a negative tombstone); its id is spent.</summary>
    Left = 3,

    /// <summary>Removed by another device (a positive tombstone); its id is spent. Outranks everything.</summary>
    Removed = 4,
}

/// <summary>One entry of a payload's <c>D</c> dict: a live record, or a tombstone (the time the device went).</summary>
/// <param name="Id">The 32-byte device id.</param>
/// <param name="State"><see cref="DeviceState.Registered"/> with a record, or <see cref="DeviceState.Left"/>/<see cref="DeviceState.Removed"/> with a time.</param>
/// <param name="Record">The record, for a registered device.</param>
/// <param name="GoneAt">When it was removed or left, Unix seconds (positive), for a tombstone.</param>
/// <param name="Digest">BLAKE2b-8 of the record as encoded: the last term of the merge order (null for a tombstone).</param>
public sealed record DeviceEntry(byte[] Id, DeviceState State, DeviceRecord? Record, long? GoneAt, byte[]? Digest)
{
    /// <summary>A live record.</summary>
    public static DeviceEntry Live(DeviceRecord record) =>
        new(record.Id, DeviceState.Registered, record, null, DeviceRecordCodec.Digest(record));

    /// <summary>A tombstone.</summary>
    public static DeviceEntry Gone(byte[] id, DeviceState state, long goneAt) =>
        state is DeviceState.Left or DeviceState.Removed && goneAt > 0
            ? new(id, state, null, goneAt, null)
            : throw new ArgumentException("A tombstone is Left or Removed at a positive time.", nameof(state));
}

/// <summary>An account key as a group payload's <c>K</c> list carries it: <c>c</c> created, <c>r</c> rotated (Unix s), <c>s</c> the 32-byte seed.</summary>
/// <param name="Seed">The seed (SHAKE256("SessionAccountKeys" ‖ seed) expands it).</param>
/// <param name="Created">When it was made, Unix seconds.</param>
/// <param name="Rotated">When a newer key replaced it, Unix seconds; null for the current key.</param>
public sealed record AccountKeySeedEntry(byte[] Seed, long Created, long? Rotated);
