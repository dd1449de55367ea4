using System.Buffers.Binary;
using System.Text;
using Wisp.Crypto.DeviceGroups;

namespace Wisp.Protocol.Devices;

/// <summary>
/// A device group's identifier: 8 bytes, the creation time in minutes since the Unix epoch (little-endian u32) and 4
/// random bytes. Fixed for the group's life; devices compare all 8 bytes. Not a security check: any seed holder can
/// copy one. Carried in a group message's <c>@</c>, encrypted so that only seed holders read it.
/// </summary>
public sealed class DeviceGroupId : IEquatable<DeviceGroupId>
{
    /// <summary>Length in bytes.</summary>
    public const int Bytes = 8;

    private static readonly byte[] SasPersonal = Encoding.ASCII.GetBytes("SessionDvGrp_SAS");
    private static readonly byte[] KeyPersonal = Encoding.ASCII.GetBytes("SessionDvGrpID_K");
    private static readonly byte[] NoncePersonal = Encoding.ASCII.GetBytes("SessionDvGrpID_N");
    private readonly byte[] _value;

    /// <summary>Wraps 8 identifier bytes.</summary>
    public DeviceGroupId(ReadOnlySpan<byte> value)
    {
        if (value.Length != Bytes)
            throw new ArgumentException($"A group identifier is {Bytes} bytes; got {value.Length}.", nameof(value));
        _value = value.ToArray();
    }

    /// <summary>A new identifier for a group created at <paramref name="nowSeconds"/> (Unix s), with 4 random bytes.</summary>
    public static DeviceGroupId Create(long nowSeconds, ReadOnlySpan<byte> random4)
    {
        if (random4.Length != 4)
            throw new ArgumentException($"The random half is 4 bytes; got {random4.Length}.", nameof(random4));
        Span<byte> value = stackalloc byte[Bytes];
        BinaryPrimitives.WriteUInt32LittleEndian(value, (uint)(nowSeconds / 60));
        random4.CopyTo(value[4..]);
        return new DeviceGroupId(value);
    }

    /// <summary>The bytes.</summary>
    public ReadOnlySpan<byte> Span => _value;

    /// <summary>When the group was created, Unix seconds (a whole minute, by the creating device's clock).</summary>
    public long CreatedSeconds => 60L * BinaryPrimitives.ReadUInt32LittleEndian(_value);

    /// <summary>The 21 SAS emoji: seed BLAKE2b-16(identifier, pers "SessionDvGrp_SAS"); show the first 4.</summary>
    public string[] Sas()
    {
        Span<byte> seed = stackalloc byte[SasEmoji.SeedBytes];
        DeviceGroupPrimitives.Blake2b(seed, default, SasPersonal, _value);
        return SasEmoji.FromSeed(seed);
    }

    /// <summary>
    /// Encrypts or decrypts (XChaCha20 is its own inverse) an identifier for the <c>@</c> of a message whose ephemeral
    /// key is <paramref name="a"/>: key BLAKE2b-32(seed, pers "SessionDvGrpID_K"), nonce BLAKE2b-24(A, pers "SessionDvGrpID_N").
    /// </summary>
    public static byte[] Crypt(ReadOnlySpan<byte> input, ReadOnlySpan<byte> a, ReadOnlySpan<byte> accountSeed)
    {
        if (input.Length != Bytes)
            throw new ArgumentException($"A group identifier is {Bytes} bytes; got {input.Length}.", nameof(input));
        Span<byte> key = stackalloc byte[32];
        Span<byte> nonce = stackalloc byte[24];
        DeviceGroupPrimitives.Blake2b(key, default, KeyPersonal, accountSeed);
        DeviceGroupPrimitives.Blake2b(nonce, default, NoncePersonal, a);
        var output = new byte[Bytes];
        DeviceGroupPrimitives.XChaCha20Xor(output, input, nonce, key);
        key.Clear();
        return output;
    }

    /// <summary>Lower-case hex of the 8 bytes.</summary>
    public string ToHex() => Convert.ToHexStringLower(_value);

    /// <inheritdoc/>
    public bool Equals(DeviceGroupId? other) => other is not null && _value.AsSpan().SequenceEqual(other._value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as DeviceGroupId);

    /// <inheritdoc/>
    public override int GetHashCode() => BinaryPrimitives.ReadInt32LittleEndian(_value.AsSpan(4));

    /// <inheritdoc/>
    public override string ToString() => ToHex();
}
