using System.Buffers.Binary;
using System.Text;
using Wisp.Crypto.Keys;

namespace Wisp.Network.Registry;

/// <summary>
/// The canonical byte encodings behind the registry's hashes and signature. These, not the JSON text, are what
/// every party hashes and verifies, so the JSON may be re-indented without changing any hash.
/// </summary>
/// <remarks>
/// <para>Entry hash = BLAKE2b-256 (unkeyed, 32-byte output) over, in order, with integers big-endian:</para>
/// <code>
///   "wisp-registry-entry-v1"   22 ASCII bytes, no terminator (domain separation)
///   previous hash              32 bytes (32 zero bytes for version 1)
///   version                    u64
///   time                       i64, Unix milliseconds
///   kind                       u8: 1 = join, 2 = leave, 3 = address update
///   node                       32 bytes, the node's Ed25519 key
///   join:    X25519 key (32) ‖ str(host) ‖ u16 port ‖ str(software version)
///   leave:   nothing more
///   update:  str(host) ‖ u16 port ‖ str(software version)
/// where str(s) = u16 byte length ‖ the UTF-8 bytes of s.
/// </code>
/// <para>Head signature = Ed25519 (libsodium, detached) by the registry key over:</para>
/// <code>
///   "wisp-registry-head-v1"    21 ASCII bytes
///   registry public key        32 bytes
///   head version               u64 (0 for an empty registry)
///   head hash                  32 bytes (the newest entry's hash; 32 zero bytes for an empty registry)
/// </code>
/// </remarks>
public static class RegistryEncoding
{
    /// <summary>Domain prefix of an entry's hashed bytes.</summary>
    public static ReadOnlySpan<byte> EntryDomain => "wisp-registry-entry-v1"u8;

    /// <summary>Domain prefix of the signed head.</summary>
    public static ReadOnlySpan<byte> HeadDomain => "wisp-registry-head-v1"u8;

    /// <summary>Kind byte of a join.</summary>
    public const byte JoinKind = 1;

    /// <summary>Kind byte of a leave.</summary>
    public const byte LeaveKind = 2;

    /// <summary>Kind byte of an address update.</summary>
    public const byte AddressUpdateKind = 3;

    /// <summary>The canonical bytes of one entry (what its hash covers).</summary>
    /// <exception cref="ArgumentException">A string is longer than a u16 length can say, or a port is outside 0–65535.</exception>
    public static byte[] EncodeEntry(long version, RegistryHash previousHash, DateTimeOffset time, RegistryChange change)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(change);
        var buffer = new List<byte>(256);
        buffer.AddRange(EntryDomain);
        buffer.AddRange(previousHash.Span);
        AddU64(buffer, checked((ulong)version));
        AddU64(buffer, unchecked((ulong)time.ToUnixTimeMilliseconds()));
        switch (change)
        {
            case NodeJoin join:
                buffer.Add(JoinKind);
                buffer.AddRange(join.Node.Span);
                buffer.AddRange(join.X25519Key.Span);
                AddAddress(buffer, join.Host, join.Port, join.SoftwareVersion);
                break;
            case NodeLeave leave:
                buffer.Add(LeaveKind);
                buffer.AddRange(leave.Node.Span);
                break;
            case NodeAddressUpdate update:
                buffer.Add(AddressUpdateKind);
                buffer.AddRange(update.Node.Span);
                AddAddress(buffer, update.Host, update.Port, update.SoftwareVersion);
                break;
            default:
                throw new ArgumentException($"Unknown registry change {change.GetType().Name}.", nameof(change));
        }
        return [.. buffer];
    }

    /// <summary>BLAKE2b-256 of <see cref="EncodeEntry"/>.</summary>
    public static RegistryHash HashEntry(long version, RegistryHash previousHash, DateTimeOffset time, RegistryChange change) =>
        RegistryHash.Of(EncodeEntry(version, previousHash, time, change));

    /// <summary>The bytes the registry key signs: the domain, the registry key, the head version and its hash.</summary>
    public static byte[] EncodeSignedHead(Ed25519PublicKey registryKey, long headVersion, RegistryHash headHash)
    {
        ArgumentNullException.ThrowIfNull(registryKey);
        ArgumentNullException.ThrowIfNull(headHash);
        var buffer = new List<byte>(HeadDomain.Length + 32 + 8 + RegistryHash.Bytes);
        buffer.AddRange(HeadDomain);
        buffer.AddRange(registryKey.Span);
        AddU64(buffer, checked((ulong)headVersion));
        buffer.AddRange(headHash.Span);
        return [.. buffer];
    }

    private static void AddAddress(List<byte> buffer, string host, int port, string softwareVersion)
    {
        AddString(buffer, host, nameof(host));
        if (port is < 0 or > ushort.MaxValue)
            throw new ArgumentException($"A port is 0–65535; got {port}.", nameof(port));
        Span<byte> u16 = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(u16, (ushort)port);
        buffer.AddRange(u16);
        AddString(buffer, softwareVersion, nameof(softwareVersion));
    }

    private static void AddString(List<byte> buffer, string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > ushort.MaxValue)
            throw new ArgumentException($"A registry string is at most {ushort.MaxValue} UTF-8 bytes; got {bytes.Length}.", name);
        Span<byte> u16 = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(u16, (ushort)bytes.Length);
        buffer.AddRange(u16);
        buffer.AddRange(bytes);
    }

    private static void AddU64(List<byte> buffer, ulong value)
    {
        Span<byte> u64 = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(u64, value);
        buffer.AddRange(u64);
    }
}
