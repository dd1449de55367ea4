namespace Wisp.Protocol.Devices;

/// <summary>Sizes, lifetimes and caps of device groups (Session's protocol v2, "Linked device configuration").</summary>
public static class DeviceGroupLimits
{
    /// <summary>The account's namespace for device group messages ("G") and link requests ("L") alike.</summary>
    public const int Namespace = 21;

    /// <summary>A device id, in bytes (32): random per device, never reused after a removal.</summary>
    public const int DeviceIdBytes = 32;

    /// <summary>Padded payload = this (bytes, 2300) + <see cref="PaddingBucket"/>·N: room for 33 account keys of ~70 bytes.</summary>
    public const int AccountKeysAllowance = 2300;

    /// <summary>One padding bucket (bytes, 6400): four device records at 1600 bytes each, as libsession pads.</summary>
    public const int PaddingBucket = 6400;

    /// <summary>Recipient and <c>kicked</c> slots come in groups of this many (4), so counts leak only their bucket.</summary>
    public const int SlotGroup = 4;

    /// <summary>A device description's cap in UTF-8 bytes (64), truncated on a character boundary.</summary>
    public const int MaxDescriptionBytes = 64;

    /// <summary>How long a link request lives in the swarm (10 minutes): linking needs both devices at hand at once.</summary>
    public static readonly TimeSpan LinkRequestTtl = TimeSpan.FromMinutes(10);

    /// <summary>How long a group message lives in the swarm (30 days, the longest a private namespace allows).</summary>
    public static readonly TimeSpan GroupMessageTtl = TimeSpan.FromDays(30);

    /// <summary>
    /// Most recipient slots a received message may carry (256): each costs a hash, and a match an ML-KEM decapsulation,
    /// so a hostile message cannot make a device try without end. Far above any real account's devices.
    /// </summary>
    public const int MaxSlots = 256;

    /// <summary>Most <c>kicked</c> entries a received message may carry (4096): a 64 KiB field; each costs one hash.</summary>
    public const int MaxKickedEntries = 4096;

    /// <summary>Most account key entries a payload may carry (256): 16 days of 12-hour rotations is 33.</summary>
    public const int MaxAccountKeys = 256;

    /// <summary>Largest padded payload a device accepts (bytes, 1 MiB): well past 100 devices, and bounded.</summary>
    public const int MaxPayloadBytes = 1024 * 1024;
}
