using Wisp.Crypto.Keys;

namespace Wisp.Protocol.Tests.Groups;

/// <summary>The group key and encryption keys libsession's group config tests use.</summary>
internal static class GroupKeys
{
    public const string PublicKeyHex = "cbd569f56fb13ea95a3f0c05c331cc24139c0090feb412069dc49fab34406ece";

    public static Ed25519KeyPair Admin() =>
        Ed25519KeyPair.FromSeed(Convert.FromHexString("0123456789abcdef0123456789abcdeffedcba9876543210fedcba9876543210"));

    /// <summary>A key pair that is not the group's (libsession's seed_bad1).</summary>
    public static Ed25519KeyPair Impostor() =>
        Ed25519KeyPair.FromSeed(Convert.FromHexString("0023456789abcdef0123456789abcdeffedcba9876543210fedcba9876543210"));

    public static Ed25519PublicKey Public => Ed25519PublicKey.FromHex(PublicKeyHex);

    public static byte[] Key(char c) => Convert.FromHexString(new string(c, 64));

    public static ReadOnlyMemory<byte>[] Keys(params char[] cs) => [.. cs.Select(c => (ReadOnlyMemory<byte>)Key(c))];
}
