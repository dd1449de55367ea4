using System.Security.Cryptography;
using Wisp.Crypto.Blinding;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Groups;

/// <summary>
/// The blinded key a group member authenticates to the group's swarm with (libsession's subaccounts). The admin
/// derives <c>k = reduce(BLAKE2b-512(0x05 ‖ X ‖ 0x03 ‖ C, key=M))</c> from the member's X25519 key X, the group key C
/// and the mask <c>M = BLAKE2b-256(group seed, key="SessionGroupSubaccountMask")</c>; the member's subaccount key is
/// <c>kT</c> with <c>T = |S|</c>, the member's Ed25519 key with its sign bit cleared. The member signs with scalar
/// <c>k·(±s)</c> and nonce <c>r = reduce(BLAKE2b-512(BLAKE2b-256(seed, key="SubaccountSeed") ‖ kT ‖ M, key="SubaccountSig"))</c>,
/// giving a standard Ed25519 signature under kT.
/// </summary>
public static class GroupSubaccountKey
{
    /// <summary>Length of the blinding factor and of the blinded key in bytes.</summary>
    public const int Bytes = 32;

    /// <summary>The blinding factor k for <paramref name="member"/> in the group <paramref name="group"/> (admin only: needs the seed).</summary>
    public static byte[] BlindingFactor(Ed25519KeyPair group, X25519PublicKey member)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(member);
        var mask = GroupSeedHash.Of(group, "SessionGroupSubaccountMask");
        Span<byte> wide = stackalloc byte[Ed25519Group.WideScalarBytes];
        try
        {
            var hasher = Blake2b.CreateIncremental(Ed25519Group.WideScalarBytes, mask);
            hasher.Update([0x05]);
            hasher.Update(member.Span);
            hasher.Update([0x03]);
            hasher.Update(group.PublicKey.Span);
            hasher.Finish(wide);
            var k = new byte[Bytes];
            Ed25519Group.Reduce(wide, k);
            return k;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(mask);
        }
    }

    /// <summary>kT from the member's Account ID key (the admin's view); false when X is not a usable point.</summary>
    public static bool TryBlindedKey(ReadOnlySpan<byte> k, X25519PublicKey member, Span<byte> blinded)
    {
        ArgumentNullException.ThrowIfNull(member);
        Span<byte> t = stackalloc byte[Ed25519Group.PointBytes];
        MontgomeryToEdwards.Convert(member.Span, t);
        return Ed25519Group.TryMultiply(k, t, blinded);
    }

    /// <summary>kT from the member's own key pair (the member's view); false when k is unusable.</summary>
    public static bool TryBlindedKey(ReadOnlySpan<byte> k, Ed25519KeyPair member, Span<byte> blinded)
    {
        ArgumentNullException.ThrowIfNull(member);
        Span<byte> t = stackalloc byte[Ed25519Group.PointBytes];
        member.PublicKey.Span.CopyTo(t);
        t[^1] &= 0x7F;
        return Ed25519Group.TryMultiply(k, t, blinded);
    }

    /// <summary>
    /// Signs <paramref name="message"/> as the subaccount <paramref name="blinded"/> = kT of <paramref name="member"/>;
    /// the 64-byte result verifies as an ordinary Ed25519 signature under kT.
    /// </summary>
    public static byte[] Sign(Ed25519KeyPair member, ReadOnlySpan<byte> k, ReadOnlySpan<byte> blinded, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (k.Length != Bytes || blinded.Length != Bytes)
            throw new ArgumentException($"The blinding factor and blinded key are {Bytes} bytes each.", nameof(k));
        Span<byte> scalar = stackalloc byte[Ed25519Group.ScalarBytes];
        Span<byte> seedHash = stackalloc byte[32];
        Span<byte> wide = stackalloc byte[Ed25519Group.WideScalarBytes];
        Span<byte> r = stackalloc byte[Ed25519Group.ScalarBytes];
        var signature = new byte[64];
        try
        {
            // t = ±s: negated when the real key's sign bit is set, so that t·B = T = |S|.
            member.X25519SecretKey.CopyTo(scalar);
            if ((member.PublicKey.Span[^1] & 0x80) != 0)
                Ed25519Group.Negate(scalar, scalar);
            Ed25519Group.Multiply(k, scalar, scalar);

            Blake2b.Hash(member.Seed, seedHash, "SubaccountSeed"u8);
            var hasher = Blake2b.CreateIncremental(Ed25519Group.WideScalarBytes, "SubaccountSig"u8);
            hasher.Update(seedHash);
            hasher.Update(blinded);
            hasher.Update(message);
            hasher.Finish(wide);
            Ed25519Group.Reduce(wide, r);

            var bigR = signature.AsSpan(0, 32);
            var s = signature.AsSpan(32);
            Ed25519Group.MultiplyBase(r, bigR);
            BlindingSha512.Hash(bigR, blinded, message, wide);
            Ed25519Group.Reduce(wide, s);
            Ed25519Group.Multiply(s, scalar, s);
            Ed25519Group.Add(s, r, s);
            return signature;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(scalar);
            CryptographicOperations.ZeroMemory(seedHash);
            CryptographicOperations.ZeroMemory(wide);
            CryptographicOperations.ZeroMemory(r);
        }
    }
}
