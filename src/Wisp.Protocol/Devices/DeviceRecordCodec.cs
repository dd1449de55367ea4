using System.Text;
using Wisp.Crypto.DeviceGroups;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Devices;

/// <summary>Reads and writes a <see cref="DeviceRecord"/> as its bt dict (<c>#</c> <c>@</c> <c>M</c> <c>X</c> <c>d</c> <c>t</c> <c>v</c> <c>wd</c> and extras).</summary>
public static class DeviceRecordCodec
{
    /// <summary>ML-KEM-768 public key length.</summary>
    public const int MlKemPublicKeyBytes = 1184;

    /// <summary>X25519 public key length.</summary>
    public const int X25519PublicKeyBytes = 32;

    /// <summary>The direct key's field: Wisp's own, two letters so it never meets a one-letter Session field.</summary>
    public const string DirectKeyField = "wd";

    private static readonly string[] Known = ["#", "@", "M", "X", "d", "t", "v"];

    /// <summary>The record's dict: <c>t</c> only when set, <c>v</c> only when non-zero, extras in key order (as libsession).</summary>
    public static BencodeDictionary ToDictionary(DeviceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var entries = new List<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>>
        {
            Entry("#", new BencodeInteger(record.Seq)),
            Entry("@", new BencodeInteger(record.Timestamp)),
            Entry("M", new BencodeString(record.MlKemPublicKey)),
            Entry("X", new BencodeString(record.X25519PublicKey)),
            Entry("d", BencodeString.FromUtf8(record.Description)),
        };
        if (record.Type.Length > 0)
            entries.Add(Entry("t", BencodeString.FromUtf8(record.Type)));
        if (record.Version != 0)
            entries.Add(Entry("v", new BencodeInteger(record.Version)));
        if (record.DirectKey is { } direct)
            entries.Add(Entry(DirectKeyField, new BencodeString(direct)));
        foreach (var (key, value) in record.Extra)
        {
            var name = Encoding.UTF8.GetString(key);
            if (!Known.Contains(name) && !(name == DirectKeyField && record.DirectKey is not null))
                entries.Add(KeyValuePair.Create<ReadOnlyMemory<byte>, BencodeValue>(key, value));
        }
        return new BencodeDictionary(entries);
    }

    /// <summary>The record's encoded bytes.</summary>
    public static byte[] Encode(DeviceRecord record) => BencodeWriter.Encode(ToDictionary(record));

    /// <summary>BLAKE2b-8 of the encoded record: what the merge compares last, as libsession does.</summary>
    public static byte[] Digest(DeviceRecord record) => Digest(Encode(record));

    /// <summary>BLAKE2b-8 of encoded bytes.</summary>
    public static byte[] Digest(ReadOnlySpan<byte> encoded)
    {
        var digest = new byte[8];
        DeviceGroupPrimitives.Blake2b(digest, default, stackalloc byte[DeviceGroupPrimitives.PersonalBytes], encoded);
        return digest;
    }

    /// <summary>Reads a record for device <paramref name="id"/>; null with why when a required field is missing or the wrong size.</summary>
    public static DeviceRecord? TryRead(byte[] id, BencodeDictionary dict, out string? error)
    {
        ArgumentNullException.ThrowIfNull(dict);
        error = null;
        if (!TryInt(dict, "#", out var seq) || seq <= 0)
            return Fail("a record needs a positive \"#\" seqno", out error);
        if (!TryInt(dict, "@", out var timestamp))
            return Fail("a record needs a \"@\" timestamp", out error);
        if (!TryBytes(dict, "M", MlKemPublicKeyBytes, out var mlkem))
            return Fail($"a record needs a {MlKemPublicKeyBytes}-byte \"M\"", out error);
        if (!TryBytes(dict, "X", X25519PublicKeyBytes, out var x25519))
            return Fail($"a record needs a {X25519PublicKeyBytes}-byte \"X\"", out error);
        var description = dict.TryGetValue("d", out var d) && d is BencodeString ds ? ds.ToUtf8() : "";
        var type = dict.TryGetValue("t", out var t) && t is BencodeString ts ? ts.ToUtf8() : "";
        var version = dict.TryGetValue("v", out var v) && v is BencodeInteger vi ? vi.Value : 0;
        // A direct key of the wrong form is kept as an unknown field (republished unchanged), never used.
        byte[]? direct = TryBytes(dict, DirectKeyField, X25519PublicKeyBytes, out var wd) ? wd : null;
        var extra = dict.Entries
            .Where(e => !Known.Contains(Encoding.UTF8.GetString(e.Key.Span)) && !(direct is not null && e.Key.Span.SequenceEqual("wd"u8)))
            .Select(e => KeyValuePair.Create(e.Key.ToArray(), e.Value))
            .ToArray();
        return new DeviceRecord(id, seq, timestamp, mlkem, x25519, description, type, version, extra) { DirectKey = direct };
    }

    private static KeyValuePair<ReadOnlyMemory<byte>, BencodeValue> Entry(string key, BencodeValue value) =>
        KeyValuePair.Create<ReadOnlyMemory<byte>, BencodeValue>(Encoding.ASCII.GetBytes(key), value);

    private static bool TryInt(BencodeDictionary dict, string key, out long value)
    {
        value = 0;
        if (!dict.TryGetValue(key, out var v) || v is not BencodeInteger i)
            return false;
        value = i.Value;
        return true;
    }

    private static bool TryBytes(BencodeDictionary dict, string key, int length, out byte[] value)
    {
        value = [];
        if (!dict.TryGetValue(key, out var v) || v is not BencodeString s || s.Bytes.Length != length)
            return false;
        value = s.Bytes.ToArray();
        return true;
    }

    private static DeviceRecord? Fail(string why, out string? error)
    {
        error = why;
        return null;
    }
}
