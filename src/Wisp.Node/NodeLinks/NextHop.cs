using Wisp.Crypto.Keys;

namespace Wisp.Node.NodeLinks;

/// <summary>A node an onion layer can be forwarded to (<see cref="NodeToNodeClient"/>).</summary>
/// <param name="Ed25519">Its identity key.</param>
/// <param name="X25519">Its onion key (what the client encrypted the next layer to).</param>
/// <param name="BaseUrl">Its HTTPS base URL, e.g. <c>https://203.0.113.5:22021</c>.</param>
/// <param name="CertificateSha256">
/// SHA-256 of its TLS certificate (DER) when the directory knows it: the forward then accepts exactly that
/// certificate. Null: any certificate is accepted (see <see cref="NodeToNodeClient"/> for why that is tolerable).
/// </param>
public sealed record NextHop(Ed25519PublicKey Ed25519, X25519PublicKey X25519, Uri BaseUrl, byte[]? CertificateSha256 = null);
