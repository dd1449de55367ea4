using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Groups;

/// <summary>
/// libsession's config message (<c>ConfigMessage</c> / <c>MutableConfigMessage</c>): a bencoded dictionary
/// <c>{"#": seqno, "&amp;": data, "&lt;": [[seqno, hash, diff]…], "=": diff, "~": signature}</c> plus any unknown keys,
/// kept in place. The signature covers every byte before the <c>1:~</c> key. A message's hash is the 32-byte BLAKE2b of
/// its encoding. A mutable message (<see cref="OriginalData"/> set) recomputes its diff from its data when written.
/// </summary>
internal sealed class ConfigMessage
{
    public const int HashBytes = 32;
    private const int SignatureBytes = 64;

    public long Seqno { get; set; }

    public byte[] Hash { get; set; } = new byte[HashBytes];

    public ConfigDict Data { get; set; } = new();

    public BencodeDictionary Diff { get; set; } = ConfigDiff.Empty;

    public SortedDictionary<SeqnoHash, BencodeDictionary> Lagged { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>> Unknown { get; private set; } = [];

    /// <summary>The signature read with the message (kept while nothing changes), libsession's verified_signature_.</summary>
    public byte[]? Signature { get; set; }

    public int Lag { get; set; } = ConfigLimits.DiffLags;

    public Ed25519PublicKey? Verifier { get; set; }

    public Ed25519KeyPair? Signer { get; set; }

    /// <summary>The data as it was when this seqno began; set only on a mutable message.</summary>
    public ConfigDict? OriginalData { get; set; }

    public bool IsMutable => OriginalData is not null;

    /// <summary>Index of the single input this message is, or -1 when it was produced by merging several.</summary>
    public int UnmergedIndex { get; set; } = -1;

    public bool Merged => UnmergedIndex == -1;

    public SeqnoHash Id => new(Seqno, Hash);

    /// <summary>An empty seqno-0 message (libsession's default ConfigMessage).</summary>
    public static ConfigMessage CreateEmpty()
    {
        var message = new ConfigMessage();
        message.Hash = Blake2b.Hash(message.Serialize(), HashBytes);
        return message;
    }

    /// <summary>A new mutable message at <paramref name="seqno"/> with no data (libsession's MutableConfigMessage(seqno, lag)).</summary>
    public static ConfigMessage CreateMutable(long seqno, int lag = ConfigLimits.DiffLags, Ed25519KeyPair? signer = null)
    {
        var message = CreateEmpty();
        message.Seqno = seqno;
        message.Lag = lag;
        message.Signer = signer;
        message.OriginalData = new ConfigDict();
        return message;
    }

    /// <summary>Parses a message; with a verifier the signature must be present and valid.</summary>
    /// <exception cref="ConfigFormatException">The bytes are not a valid config message, or the signature fails.</exception>
    public static ConfigMessage Parse(
        ReadOnlyMemory<byte> serialized, Ed25519PublicKey? verifier, Ed25519KeyPair? signer, int lag, bool trustSignature = false)
    {
        var decoded = BencodeReader.Decode(serialized);
        if (decoded.Value is not BencodeDictionary top)
            throw new ConfigFormatException($"Failed to parse config file: {decoded.Error}");

        var message = new ConfigMessage { Lag = lag, Verifier = verifier, Signer = signer };
        message.Hash = Blake2b.Hash(serialized.Span, HashBytes);
        var entries = top.Entries;
        if (entries.Count == 0 || !Is(entries[0].Key, "#") || entries[0].Value is not BencodeInteger seqno)
            throw new ConfigFormatException("Invalid config: first key must be \"#\"");
        message.Seqno = seqno.Value;

        var unknown = new List<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>>();
        var sawData = false;
        byte[]? signature = null;
        for (var i = 1; i < entries.Count; i++)
        {
            var (key, value) = entries[i];
            if (signature is not null)
                throw new ConfigFormatException("Invalid config: dict has invalid key(s) after \"~\"");
            if (!sawData)
            {
                if (Compare(key, "&") < 0)
                {
                    unknown.Add(entries[i]);
                    continue;
                }
                if (!Is(key, "&") || value is not BencodeDictionary data)
                    throw new ConfigFormatException("Invalid config: \"&\" data dict not found");
                message.Data = ConfigDiff.ParseData(data, topLevel: true);
                sawData = true;
            }
            else if (Is(key, "<"))
                message.Lagged = ParseLagged(value as BencodeList ?? throw new ConfigFormatException("Invalid config: \"<\" is not a list"), message.Seqno, lag);
            else if (Is(key, "="))
                message.Diff = ConfigDiff.Validate(value as BencodeDictionary ?? throw new ConfigFormatException("Invalid config: \"=\" is not a dict"));
            else if (Is(key, "~"))
            {
                signature = (value as BencodeString)?.Bytes.ToArray() ?? [];
                if (signature.Length != SignatureBytes)
                    throw new ConfigFormatException("Config signature is invalid (not 64B)");
            }
            else
                unknown.Add(entries[i]);
        }
        if (!sawData)
            throw new ConfigFormatException("Invalid config: \"&\" data dict not found");
        message.Unknown = unknown;

        if (signature is not null)
        {
            // "~" is the last key, so the signed bytes are all but "1:~64:<signature>e".
            var signed = serialized.Span[..(serialized.Length - 1 - SignatureBytes - 6)];
            if (verifier is not null && !Ed25519.Verify(verifier, signed, signature))
                throw new ConfigFormatException("Config signature failed verification");
            if (verifier is not null || trustSignature)
                message.Signature = signature;
        }
        else if (verifier is not null)
            throw new ConfigFormatException("Config signature is missing");
        return message;
    }

    private static SortedDictionary<SeqnoHash, BencodeDictionary> ParseLagged(BencodeList list, long current, int lag)
    {
        var result = new SortedDictionary<SeqnoHash, BencodeDictionary>();
        SeqnoHash? last = null;
        foreach (var item in list.Items)
        {
            if (item is not BencodeList row || row.Items.Count == 0 || row.Items[0] is not BencodeInteger seqno)
                throw new ConfigFormatException("Data contains invalid lagged diff data");
            if (seqno.Value >= current)
                throw new ConfigFormatException("Data contains lagged seqno >= current seqno");
            if (seqno.Value <= current - lag)
                continue; // too old to matter: libsession drops it unread
            if (row.Items.Count < 2 || row.Items[1] is not BencodeString { Bytes.Length: HashBytes } hash)
                throw new ConfigFormatException("Data contains invalid lagged diff data: hash must be 32 bytes");
            var id = new SeqnoHash(seqno.Value, hash.Bytes.ToArray());
            if (last is { } previous && id.CompareTo(previous) <= 0)
                throw new ConfigFormatException("Data contained unsorted or duplicate lagged diff rows");
            if (row.Items.Count < 3 || row.Items[2] is not BencodeDictionary diff)
                throw new ConfigFormatException("Data contains invalid lagged diff data: expected a dict");
            if (row.Items.Count != 3)
                throw new ConfigFormatException("Data contains invalid lagged diff tuple: expected 3 elements");
            result.Add(id, ConfigDiff.Validate(diff));
            last = id;
        }
        return result;
    }

    /// <summary>
    /// The encoding. A mutable message first prunes its data and recomputes its diff (dropping any kept signature);
    /// the signature is the kept one, else a new one when <paramref name="sign"/> and there is a signer.
    /// </summary>
    public byte[] Serialize(bool sign = true)
    {
        if (IsMutable)
        {
            Signature = null;
            Data.Prune();
            Diff = ConfigDiff.Compute(OriginalData!, Data) ?? ConfigDiff.Empty;
        }
        return SerializeWith(Diff, sign);
    }

    public byte[] SerializeWith(BencodeDictionary diff, bool sign = true)
    {
        var lags = Lagged
            .Where(l => l.Key.Seqno > Seqno - Lag && l.Key.Seqno < Seqno)
            .Select(l => (BencodeValue)new BencodeList([new BencodeInteger(l.Key.Seqno), new BencodeString(l.Key.Hash), l.Value]));
        var entries = new List<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>>(Unknown)
        {
            Entry("#", new BencodeInteger(Seqno)),
            Entry("&", Data.ToBencode()),
            Entry("<", new BencodeList([.. lags])),
            Entry("=", diff),
        };
        var body = BencodeWriter.Encode(new BencodeDictionary(entries));

        var signature = Signature;
        if (signature is null && sign && Signer is not null)
            signature = Ed25519.Sign(Signer, body.AsSpan(0, body.Length - 1));
        if (signature is null)
            return body;
        return [.. body.AsSpan(0, body.Length - 1), .. "1:~64:"u8, .. signature, (byte)'e'];
    }

    /// <summary>Recomputes (and returns) the hash from the current encoding, as MutableConfigMessage::hash does.</summary>
    public byte[] ComputeHash()
    {
        Hash = Blake2b.Hash(Serialize(), HashBytes);
        return Hash;
    }

    /// <summary>A mutable copy with the next seqno; this message's diff becomes the newest lagged diff.</summary>
    public ConfigMessage Increment()
    {
        var next = Copy();
        if (next.IsMutable)
            next.ComputeHash();
        next.IncrementInPlace();
        return next;
    }

    /// <summary>libsession's increment_impl: the current state becomes the baseline of the next seqno.</summary>
    public void IncrementInPlace()
    {
        OriginalData = Data.CloneDict();
        var keep = new SortedDictionary<SeqnoHash, BencodeDictionary>();
        foreach (var (id, diff) in Lagged)
        {
            if (id.Seqno > Seqno - Lag && id.Seqno < Seqno)
                keep.Add(id, diff);
        }
        keep[Id] = Diff;
        Lagged = keep;
        Seqno++;
        Hash = new byte[HashBytes];
        Diff = ConfigDiff.Empty;
    }

    public ConfigMessage Copy() => new()
    {
        Seqno = Seqno,
        Hash = Hash,
        Data = Data.CloneDict(),
        Diff = Diff,
        Lagged = new SortedDictionary<SeqnoHash, BencodeDictionary>(Lagged),
        Unknown = Unknown,
        Signature = Signature,
        Lag = Lag,
        Verifier = Verifier,
        Signer = Signer,
        OriginalData = OriginalData?.CloneDict(),
        UnmergedIndex = UnmergedIndex,
    };

    internal static KeyValuePair<ReadOnlyMemory<byte>, BencodeValue> Entry(string key, BencodeValue value) =>
        KeyValuePair.Create<ReadOnlyMemory<byte>, BencodeValue>(System.Text.Encoding.ASCII.GetBytes(key), value);

    private static bool Is(ReadOnlyMemory<byte> key, string name) => Compare(key, name) == 0;

    private static int Compare(ReadOnlyMemory<byte> key, string name) =>
        key.Span.SequenceCompareTo(System.Text.Encoding.ASCII.GetBytes(name));
}

/// <summary>A message's identity in merges: its seqno, then its hash in byte order (libsession's seqno_hash_t).</summary>
internal readonly record struct SeqnoHash(long Seqno, byte[] Hash) : IComparable<SeqnoHash>
{
    public int CompareTo(SeqnoHash other)
    {
        var bySeqno = Seqno.CompareTo(other.Seqno);
        return bySeqno != 0 ? bySeqno : Hash.AsSpan().SequenceCompareTo(other.Hash);
    }

    public bool Equals(SeqnoHash other) => CompareTo(other) == 0;

    public override int GetHashCode() => HashCode.Combine(Seqno, Hash.Length == 0 ? 0 : Hash[0]);
}
