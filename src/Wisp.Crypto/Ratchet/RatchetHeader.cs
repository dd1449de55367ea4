using Wisp.Crypto.Keys;

namespace Wisp.Crypto.Ratchet;

/// <summary>
/// The fields of a ratchet message header (Signal's DH public key, PN and N, plus Wisp's ML-KEM-768 fields). This is
/// data only: its bytes are written and read by Wisp.Protocol's RatchetMessage, and those bytes are the AEAD's
/// associated data, so every field is authenticated.
/// </summary>
/// <param name="DhPublicKey">The sender's current ratchet public key.</param>
/// <param name="PreviousChainLength">PN: messages in the sender's previous sending chain.</param>
/// <param name="MessageNumber">N: this message's number in its sending chain, from 0.</param>
/// <param name="KemPublicKey">A fresh ML-KEM-768 public key the sender offers (1,184 bytes), or null.</param>
/// <param name="KemCiphertext">This sending chain's encapsulation to the receiver's offer (1,088 bytes), or null.</param>
public sealed record RatchetHeader(
    X25519PublicKey DhPublicKey, uint PreviousChainLength, uint MessageNumber, byte[]? KemPublicKey, byte[]? KemCiphertext);
