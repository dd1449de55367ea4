using System.Security.Cryptography;
using Wisp.Crypto.Groups;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Groups;

/// <summary>What a member sends with a storage request: the token, the admin's signature of it, and its own signature.</summary>
/// <param name="Token">The 36-byte token <c>03 ‖ flags ‖ 0 0 ‖ kT</c> (JSON <c>subaccount</c>).</param>
/// <param name="SubaccountSignature">The group key's signature of the token (JSON <c>subaccount_sig</c>).</param>
/// <param name="Signature">The member's signature of the request's signed string under kT (JSON <c>signature</c>).</param>
public sealed record GroupSubaccountAuth(SubaccountToken Token, byte[] SubaccountSignature, byte[] Signature);

/// <summary>
/// Member subaccounts of a group's swarm (libsession's <c>swarm_make_subaccount</c>, <c>swarm_subaccount_token</c>,
/// <c>swarm_subaccount_sign</c>, <c>swarm_verify_subaccount</c>). The admin gives each member a 100-byte signing
/// value <c>03 ‖ flags ‖ 0 0 ‖ k ‖ sig</c>, where k is the member's blinding factor and sig the group key's signature
/// of <c>03 ‖ flags ‖ 0 0 ‖ kT</c>; the member rebuilds that token from its own key and signs requests as kT. The
/// node sees only the blinded kT, never the member's Account ID.
/// </summary>
public static class GroupSubaccount
{
    /// <summary>Length of the signing value in bytes.</summary>
    public const int SigningValueBytes = 4 + GroupSubaccountKey.Bytes + Ed25519.SignatureBytes;

    /// <summary>Admin: the signing value for <paramref name="member"/>; always grants read, write by default.</summary>
    public static byte[] Make(Ed25519KeyPair group, AccountId member, bool write = true, bool delete = false)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(member);
        var k = GroupSubaccountKey.BlindingFactor(group, member.X25519PublicKey);
        var token = TokenBytes(k, member, write, delete);
        var value = new byte[SigningValueBytes];
        token.AsSpan(0, 4).CopyTo(value);
        k.CopyTo(value, 4);
        Ed25519.Sign(group, token, value.AsSpan(4 + GroupSubaccountKey.Bytes));
        CryptographicOperations.ZeroMemory(k);
        return value;
    }

    /// <summary>Admin: the token the node sees for <paramref name="member"/> (what revoke_subaccount lists).</summary>
    public static SubaccountToken Token(Ed25519KeyPair group, AccountId member, bool write = true, bool delete = false)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(member);
        var k = GroupSubaccountKey.BlindingFactor(group, member.X25519PublicKey);
        var token = SubaccountToken.FromBytes(TokenBytes(k, member, write, delete));
        CryptographicOperations.ZeroMemory(k);
        return token;
    }

    /// <summary>Member: signs <paramref name="message"/> (a storage request's signed string) with its signing value.</summary>
    public static GroupSubaccountAuth Sign(ReadOnlySpan<byte> signingValue, Ed25519KeyPair member, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (signingValue.Length != SigningValueBytes)
            throw new ArgumentException("Invalid signing value: size is wrong", nameof(signingValue));
        var k = signingValue.Slice(4, GroupSubaccountKey.Bytes);
        var token = new byte[SubaccountToken.Length];
        signingValue[..4].CopyTo(token);
        if (!GroupSubaccountKey.TryBlindedKey(k, member, token.AsSpan(4)))
            throw new ArgumentException("scalarmult failed: perhaps an invalid session id or seed?", nameof(signingValue));
        var signature = GroupSubaccountKey.Sign(member, k, token.AsSpan(4), message);
        return new GroupSubaccountAuth(SubaccountToken.FromBytes(token), signingValue[(4 + GroupSubaccountKey.Bytes)..].ToArray(), signature);
    }

    /// <summary>
    /// Member: true when <paramref name="signingValue"/> is the group's grant to <paramref name="member"/> and grants
    /// read plus, if asked, write and delete (libsession's checks: 03 prefix or any-prefix flag, then the signature).
    /// </summary>
    public static bool Verify(Ed25519PublicKey group, Ed25519KeyPair member, ReadOnlySpan<byte> signingValue, bool write = false, bool delete = false)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(member);
        if (signingValue.Length != SigningValueBytes)
            return false;
        var flags = (SubaccountAccess)signingValue[1];
        if (signingValue[0] != 0x03 && !flags.HasFlag(SubaccountAccess.AnyPrefix))
            return false;
        if (!flags.HasFlag(SubaccountAccess.Read) || (write && !flags.HasFlag(SubaccountAccess.Write)) || (delete && !flags.HasFlag(SubaccountAccess.Delete)))
            return false;
        Span<byte> token = stackalloc byte[SubaccountToken.Length];
        signingValue[..4].CopyTo(token);
        if (!GroupSubaccountKey.TryBlindedKey(signingValue.Slice(4, GroupSubaccountKey.Bytes), member, token[4..]))
            return false;
        return Ed25519.Verify(group.Span, token, signingValue[(4 + GroupSubaccountKey.Bytes)..]);
    }

    private static byte[] TokenBytes(ReadOnlySpan<byte> k, AccountId member, bool write, bool delete)
    {
        var flags = SubaccountAccess.Read | (write ? SubaccountAccess.Write : 0) | (delete ? SubaccountAccess.Delete : 0);
        var token = new byte[SubaccountToken.Length];
        token[0] = 0x03;
        token[1] = (byte)flags;
        if (!GroupSubaccountKey.TryBlindedKey(k, member.X25519PublicKey, token.AsSpan(4)))
            throw new ArgumentException("scalarmult failed: perhaps an invalid session id?", nameof(member));
        return token;
    }
}
