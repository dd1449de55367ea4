using Wisp.Crypto.Keys;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// The owner's signature on a request. For a 05 account, <see cref="PubkeyEd25519"/> is the Ed25519 key that signed;
/// the node checks that it converts to the account's X25519 key. For other prefixes (03 groups …) the pubkey's own
/// 32 bytes are the Ed25519 verification key and <see cref="PubkeyEd25519"/> is absent.
/// </summary>
/// <param name="Signature">The 64-byte Ed25519 signature (base64 in JSON).</param>
/// <param name="PubkeyEd25519">The <c>pubkey_ed25519</c> field, when sent.</param>
public sealed record RequestSignature(byte[] Signature, Ed25519PublicKey? PubkeyEd25519);
