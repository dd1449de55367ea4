using System.Security.Cryptography;
using System.Text;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Interop;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Groups;

/// <summary>
/// Values an admin derives from the group's secret seed, as libsession does: <c>BLAKE2b-256(seed, key=K)</c> for the
/// named keys K (the admin copy of a group key, the key-generation salt, the subaccount mask), and the deterministic
/// junk that pads a keys message.
/// </summary>
public static unsafe class GroupSeedHash
{
    /// <summary>Length of a seed hash in bytes.</summary>
    public const int Bytes = 32;

    /// <summary><c>BLAKE2b-256(group seed, key=<paramref name="key"/>)</c> (the key truncated to 64 bytes).</summary>
    public static byte[] Of(Ed25519KeyPair group, string key)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(key);
        var keyBytes = Encoding.ASCII.GetBytes(key);
        return Blake2b.Hash(group.Seed, Bytes, keyBytes.AsSpan(0, Math.Min(keyBytes.Length, Blake2b.MaxKeyBytes)));
    }

    /// <summary>
    /// Fills <paramref name="junk"/> with libsession's padding entries: libsodium's deterministic random bytes seeded
    /// with <c>BLAKE2b-256(<paramref name="generationHash"/> ‖ group secret key, key="SessionGroupJunkMembers")</c>.
    /// </summary>
    public static void Junk(Ed25519KeyPair group, ReadOnlySpan<byte> generationHash, Span<byte> junk)
    {
        ArgumentNullException.ThrowIfNull(group);
        Span<byte> seed = stackalloc byte[Sodium.RandomSeedBytes];
        try
        {
            var hasher = Blake2b.CreateIncremental(Sodium.RandomSeedBytes, "SessionGroupJunkMembers"u8);
            hasher.Update(generationHash);
            hasher.Update(group.SecretKey);
            hasher.Finish(seed);
            Sodium.EnsureInitialized();
            fixed (byte* b = junk, s = seed)
            {
                Sodium.randombytes_buf_deterministic(b, (nuint)junk.Length, s);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }
}
