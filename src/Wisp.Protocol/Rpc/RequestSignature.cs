using Wisp.Crypto.Keys;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// The signature on a request. For a 05 account, <see cref="PubkeyEd25519"/> is the Ed25519 key that signed; the node
/// checks that it converts to the account's X25519 key. For other prefixes (03 groups …) the pubkey's own 32 bytes are
/// the Ed25519 verification key and <see cref="PubkeyEd25519"/> is absent. With a <see cref="Subaccount"/>, the
/// owner's key signs the token and the token's key signs the request.
/// </summary>
/// <param name="Signature">The 64-byte Ed25519 signature (base64 in JSON).</param>
/// <param name="PubkeyEd25519">The <c>pubkey_ed25519</c> field, when sent.</param>
public sealed record RequestSignature(byte[] Signature, Ed25519PublicKey? PubkeyEd25519)
{
    /// <summary>The <c>subaccount</c> + <c>subaccount_sig</c> fields, when sent.</summary>
    public SignedSubaccount? Subaccount { get; init; }
}

/// <summary>A subaccount token and the owner's signature of its 36 bytes.</summary>
public sealed record SignedSubaccount(SubaccountToken Token, byte[] Signature);
