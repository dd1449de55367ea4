using Wisp.Crypto.Aead;
using Wisp.Crypto.Groups;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Groups;

/// <summary>The outcome of <see cref="GroupKeysMessage.Parse"/>: the message, or libsession's error text.</summary>
public readonly record struct GroupKeysParse(GroupKeysMessage? Message, string? Error)
{
    /// <summary>True when the message parsed and its signature verified.</summary>
    public bool Ok => Message is not null;
}

/// <summary>
/// A group keys message (namespace 12) read and checked as libsession's <c>load_key_message</c> does: a bencoded
/// dictionary with <c>#</c> (24-byte nonce), then either <c>G</c> (generation), <c>K</c> (the key for admins, 48
/// bytes) and <c>k</c> (per-member wrapped keys, 48 bytes each, a multiple of 75 of them) or, for a supplement,
/// <c>+</c> (per-member encrypted key lists) and <c>G</c> (highest generation in it); and last <c>~</c>, the group
/// key's signature of everything before it. Unwrapping is a separate step so that every reader refuses the same
/// malformed messages, whether or not it finds a key.
/// </summary>
public sealed class GroupKeysMessage
{
    /// <summary>Bytes after the signed part: <c>1:~64:</c>, the signature and the closing <c>e</c>.</summary>
    internal const int SignatureSuffixBytes = 6 + Ed25519.SignatureBytes + 1;

    private readonly byte[] _nonce;
    private readonly byte[]? _adminKey;
    private readonly IReadOnlyList<ReadOnlyMemory<byte>> _wrapped;
    private readonly Ed25519PublicKey _group;

    private GroupKeysMessage(Ed25519PublicKey group, byte[] nonce, bool supplement, long generation, byte[]? adminKey, IReadOnlyList<ReadOnlyMemory<byte>> wrapped)
    {
        _group = group;
        _nonce = nonce;
        IsSupplement = supplement;
        Generation = generation;
        _adminKey = adminKey;
        _wrapped = wrapped;
    }

    /// <summary>True for a supplement (<c>+</c>): keys handed to added members, no new generation.</summary>
    public bool IsSupplement { get; }

    /// <summary><c>G</c>: the generation of a full message, or the highest generation a supplement carries.</summary>
    public long Generation { get; }

    /// <summary>Number of wrapped entries (<c>k</c> with its junk, or <c>+</c>).</summary>
    public int WrappedKeyCount => _wrapped.Count;

    /// <summary>Parses <paramref name="message"/> and verifies the signature of <paramref name="group"/>.</summary>
    public static GroupKeysParse Parse(ReadOnlyMemory<byte> message, Ed25519PublicKey group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var decoded = BencodeReader.Decode(message);
        if (!decoded.Ok || decoded.Value is not BencodeDictionary dict)
            return Fail("Key message is not a bencoded dict");
        if (!dict.TryGetValue("#", out var nonceValue) || nonceValue is not BencodeString { Bytes.Length: XChaCha20Poly1305.NonceBytes } nonce)
            return Fail("Key message has no nonce");

        bool supplement;
        long generation;
        byte[]? adminKey = null;
        List<ReadOnlyMemory<byte>> wrapped;
        if (dict.TryGetValue("+", out var plus))
        {
            supplement = true;
            if (plus is not BencodeList list || !TryStrings(list, out wrapped))
                return Fail("Supplemental key message has invalid key info list");
            for (var i = 0; i < wrapped.Count; i++)
            {
                if (wrapped[i].Length < GroupKeyLimits.MinSupplementEntryBytes)
                    return Fail($"Supplemental key message has invalid key info size at index {i}");
            }
            if (!TryInteger(dict, "G", out generation))
                return Fail("Supplemental key message missing required max generation field (G)");
        }
        else
        {
            supplement = false;
            if (!TryInteger(dict, "G", out generation))
                return Fail("Key message missing required generation (G) field");
            if (generation < 0)
                return Fail("Key message contains invalid negative generation");
            if (!dict.TryGetValue("K", out var k) || k is not BencodeString admin)
                return Fail("Non-supplemental key message is missing required admin key (K)");
            if (admin.Bytes.Length != GroupKeyLimits.WrappedKeyBytes)
                return Fail("Key message has invalid admin key length");
            adminKey = admin.Bytes.ToArray();
            if (!dict.TryGetValue("k", out var memberKeys) || memberKeys is not BencodeList members || !TryStrings(members, out wrapped))
                return Fail("Config is missing member keys list (k)");
            for (var i = 0; i < wrapped.Count; i++)
            {
                if (wrapped[i].Length != GroupKeyLimits.WrappedKeyBytes)
                    return Fail($"Key message has invalid member key length at index {i}");
            }
            if (wrapped.Count % GroupKeyLimits.MemberKeyMultiple != 0)
                return Fail("Member key list has wrong size (missing junk key padding?)");
        }

        if (!dict.TryGetValue("~", out var sigValue))
            return Fail("Config signature is missing");
        if (sigValue is not BencodeString { Bytes.Length: Ed25519.SignatureBytes } signature || dict.Entries[^1].Value != sigValue)
            return Fail("Config signature is invalid (not 64B)");
        // "~" sorts last, so the signed bytes are everything before its "1:~64:" and the signature.
        var signed = message.Span[..^SignatureSuffixBytes];
        if (!Ed25519.Verify(group, signed, signature.Bytes.Span))
            return Fail("Config signature failed verification");
        return new GroupKeysParse(new GroupKeysMessage(group, nonce.Bytes.ToArray(), supplement, generation, adminKey, wrapped), null);
    }

    /// <summary>
    /// The keys <paramref name="member"/> can unwrap from this message, stamped with <paramref name="timestampMs"/>
    /// (full message: the one key of <see cref="Generation"/>; supplement: the keys it lists with their own times).
    /// Empty when nothing is wrapped for this member, e.g. after removal from the group.
    /// </summary>
    public IReadOnlyList<GroupKey> UnwrapForMember(Ed25519KeyPair member, long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(member);
        var groupX = _group.ToX25519();
        if (groupX is null)
            return [];
        Span<byte> key = stackalloc byte[MultiRecipientKey.KeyBytes];
        if (!MultiRecipientKey.TryFromSender(member, groupX, GroupKeys.MemberDomain, key))
            return [];
        foreach (var entry in _wrapped)
        {
            var plain = new byte[entry.Length - XChaCha20Poly1305.TagBytes];
            if (!XChaCha20Poly1305.Decrypt(key, _nonce, entry.Span, default, plain))
                continue;
            key.Clear();
            return IsSupplement ? GroupKeySupplementList.Read(plain) : [new GroupKey(Generation, plain, timestampMs)];
        }
        key.Clear();
        return [];
    }

    /// <summary>The key of a full message through the admins' copy <c>K</c>; null for a supplement or a wrong seed.</summary>
    public GroupKey? UnwrapForAdmin(Ed25519KeyPair group, long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (_adminKey is null)
            return null;
        var adminKey = GroupSeedHash.Of(group, GroupKeys.AdminHashKey);
        var plain = new byte[GroupKey.Bytes];
        var ok = XChaCha20Poly1305.Decrypt(adminKey, _nonce, _adminKey, default, plain);
        Array.Clear(adminKey);
        return ok ? new GroupKey(Generation, plain, timestampMs) : null;
    }

    private static GroupKeysParse Fail(string error) => new(null, error);

    private static bool TryInteger(BencodeDictionary dict, string key, out long value)
    {
        value = 0;
        if (!dict.TryGetValue(key, out var v) || v is not BencodeInteger integer)
            return false;
        value = integer.Value;
        return true;
    }

    private static bool TryStrings(BencodeList list, out List<ReadOnlyMemory<byte>> strings)
    {
        strings = new List<ReadOnlyMemory<byte>>(list.Items.Count);
        foreach (var item in list.Items)
        {
            if (item is not BencodeString s)
                return false;
            strings.Add(s.Bytes);
        }
        return true;
    }
}
