using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Wisp.Crypto.Aead;
using Wisp.Crypto.Groups;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Groups;

/// <summary>A new keys message and the key it carries.</summary>
/// <param name="Message">The signed keys message, for namespace 12.</param>
/// <param name="Key">The new generation's key (timestamp 0 until the message is stored).</param>
public sealed record GroupRekey(byte[] Message, GroupKey Key);

/// <summary>
/// Builds libsession's group keys messages (namespace 12), as an admin, who holds the group's seed. A full message
/// (<see cref="Rekey"/>) starts a generation; a supplement (<see cref="Supplement"/>) hands existing keys to added
/// members without rotating. Both are deterministic, so two admins making the same change publish the same bytes.
/// </summary>
public static class GroupKeys
{
    internal static readonly byte[] GenerationHashKey = "SessionGroupKeyGen"u8.ToArray();
    internal static readonly byte[] MemberDomain = "SessionGroupKeyMember"u8.ToArray();
    internal const string SeedHashKey = "SessionGroupKeySeed";
    internal const string AdminHashKey = "SessionGroupKeyAdminKey";
    private const int NonceBytes = XChaCha20Poly1305.NonceBytes;

    /// <summary>
    /// A full keys message for <paramref name="generation"/>: the new key (the first 32 bytes of
    /// <c>BLAKE2b-448(member IDs in hex, sorted ‖ generation in decimal ‖ BLAKE2b-256(seed, key="SessionGroupKeySeed"), key="SessionGroupKeyGen")</c>,
    /// the last 24 being the nonce) encrypted once for admins (<c>K</c>) and once per member (<c>k</c>, padded with
    /// junk to a multiple of 75), signed by the group key (<c>~</c>). Every member is listed, admins too.
    /// </summary>
    public static GroupRekey Rekey(Ed25519KeyPair group, IEnumerable<AccountId> members, long generation)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentOutOfRangeException.ThrowIfNegative(generation);
        var sorted = Sorted(members);
        if (sorted.Count > GroupKeyLimits.MaxMembers)
            throw new ArgumentException($"A group has at most {GroupKeyLimits.MaxMembers} members; got {sorted.Count}.", nameof(members));

        var seedHash = GroupSeedHash.Of(group, SeedHashKey);
        var h1 = new byte[GroupKey.Bytes + NonceBytes];
        var hasher = Blake2b.CreateIncremental(h1.Length, GenerationHashKey);
        foreach (var member in sorted)
            hasher.Update(Encoding.ASCII.GetBytes(member.Hex));
        hasher.Update(Encoding.ASCII.GetBytes(generation.ToString(CultureInfo.InvariantCulture)));
        hasher.Update(seedHash);
        hasher.Finish(h1);
        var key = h1.AsSpan(0, GroupKey.Bytes);
        var nonce = h1.AsSpan(GroupKey.Bytes, NonceBytes).ToArray();

        var adminKey = GroupSeedHash.Of(group, AdminHashKey);
        var wrappedForAdmins = XChaCha20Poly1305.Encrypt(adminKey, nonce, key, default);

        var wrapped = WrapForEach(group, sorted, nonce, key);
        var junkCount = (GroupKeyLimits.MemberKeyMultiple - (wrapped.Count % GroupKeyLimits.MemberKeyMultiple)) % GroupKeyLimits.MemberKeyMultiple;
        if (junkCount > 0)
        {
            var junk = new byte[junkCount * GroupKeyLimits.WrappedKeyBytes];
            GroupSeedHash.Junk(group, h1, junk);
            for (var i = 0; i < junkCount; i++)
                wrapped.Add(junk.AsSpan(i * GroupKeyLimits.WrappedKeyBytes, GroupKeyLimits.WrappedKeyBytes).ToArray());
        }

        var message = SignedDictionary(group, new Dictionary<string, BencodeValue>
        {
            ["#"] = new BencodeString(nonce),
            ["G"] = new BencodeInteger(generation),
            ["K"] = new BencodeString(wrappedForAdmins),
            ["k"] = new BencodeList([.. wrapped.Select(w => new BencodeString(w))]),
        });
        var result = new GroupRekey(message, new GroupKey(generation, key, 0));
        CryptographicOperations.ZeroMemory(h1);
        CryptographicOperations.ZeroMemory(seedHash);
        CryptographicOperations.ZeroMemory(adminKey);
        return result;
    }

    /// <summary>
    /// A supplemental keys message giving <paramref name="added"/> members <paramref name="keys"/> (libsession's
    /// <c>key_supplement</c>): the bencoded list of <c>{g, k, t}</c> (keys in generation order) encrypted per member
    /// under a nonce of <c>BLAKE2b-192(member IDs in the order given ‖ that list ‖ seed hash, key="SessionGroupKeyGen")</c>,
    /// with <c>G</c> the highest generation, signed by the group key.
    /// </summary>
    public static byte[] Supplement(Ed25519KeyPair group, IEnumerable<AccountId> added, IReadOnlyList<GroupKey> keys)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(added);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
            throw new ArgumentException("Unable to create supplemental keys: this object has no keys at all", nameof(keys));
        var members = added.ToList();
        var ordered = keys.Order(Comparer<GroupKey>.Create(GroupKey.Compare)).ToList();
        var keyList = BencodeWriter.Encode(new BencodeList([.. ordered.Select(k => (BencodeValue)new BencodeDictionary(
            new Dictionary<string, BencodeValue>
            {
                ["g"] = new BencodeInteger(k.Generation),
                ["k"] = new BencodeString(k.Key.ToArray()),
                ["t"] = new BencodeInteger(k.TimestampMs),
            }))]));

        var seedHash = GroupSeedHash.Of(group, SeedHashKey);
        var nonce = new byte[NonceBytes];
        var hasher = Blake2b.CreateIncremental(NonceBytes, GenerationHashKey);
        foreach (var member in members)
            hasher.Update(Encoding.ASCII.GetBytes(member.Hex));
        hasher.Update(keyList);
        hasher.Update(seedHash);
        hasher.Finish(nonce);

        var wrapped = WrapForEach(group, members, nonce, keyList);
        CryptographicOperations.ZeroMemory(keyList);
        CryptographicOperations.ZeroMemory(seedHash);
        if (wrapped.Count == 0)
            throw new ArgumentException("Unable to construct supplemental messages: invalid session ids given", nameof(added));
        return SignedDictionary(group, new Dictionary<string, BencodeValue>
        {
            ["#"] = new BencodeString(nonce),
            ["+"] = new BencodeList([.. wrapped.Select(w => new BencodeString(w))]),
            ["G"] = new BencodeInteger(ordered[^1].Generation),
        });
    }

    /// <summary>Members in ascending ID order, each once (libsession walks its members config in this order).</summary>
    internal static List<AccountId> Sorted(IEnumerable<AccountId> members) =>
        members.DistinctBy(m => m.Hex).OrderBy(m => m.Hex, StringComparer.Ordinal).ToList();

    /// <summary>One ciphertext per member whose key agreement works (libsession skips the others silently).</summary>
    private static List<byte[]> WrapForEach(Ed25519KeyPair group, IEnumerable<AccountId> members, byte[] nonce, ReadOnlySpan<byte> plaintext)
    {
        var wrapped = new List<byte[]>();
        Span<byte> memberKey = stackalloc byte[MultiRecipientKey.KeyBytes];
        foreach (var member in members)
        {
            if (!MultiRecipientKey.TryForRecipient(group, member.X25519PublicKey, MemberDomain, memberKey))
                continue;
            wrapped.Add(XChaCha20Poly1305.Encrypt(memberKey, nonce, plaintext, default));
        }
        CryptographicOperations.ZeroMemory(memberKey);
        return wrapped;
    }

    /// <summary>
    /// The dictionary with the group's signature as its last key <c>~</c>: the signature covers the encoding up to,
    /// not including, <c>1:~</c> (oxenc's <c>append_signature</c>).
    /// </summary>
    private static byte[] SignedDictionary(Ed25519KeyPair group, Dictionary<string, BencodeValue> entries)
    {
        var unsigned = BencodeWriter.Encode(new BencodeDictionary(entries));
        var signed = unsigned.AsSpan(0, unsigned.Length - 1);
        var signature = Wisp.Crypto.Signing.Ed25519.Sign(group, signed);
        var message = new byte[signed.Length + GroupKeysMessage.SignatureSuffixBytes];
        signed.CopyTo(message);
        "1:~64:"u8.CopyTo(message.AsSpan(signed.Length));
        signature.CopyTo(message.AsSpan(signed.Length + 6));
        message[^1] = (byte)'e';
        return message;
    }
}
