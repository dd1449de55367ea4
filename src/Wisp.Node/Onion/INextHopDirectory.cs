using System.Diagnostics.CodeAnalysis;
using Wisp.Crypto.Keys;

namespace Wisp.Node.Onion;

/// <summary>
/// Where the relay finds the next node of an onion path, named in the layer by its Ed25519 key. Backed by the
/// registry on a real network; <see cref="StaticNextHopDirectory"/> holds a fixed list.
/// </summary>
public interface INextHopDirectory
{
    /// <summary>False while the node does not yet know the network (the registry is not loaded): onion requests get 503.</summary>
    bool IsReady { get; }

    /// <summary>The node with Ed25519 key <paramref name="node"/>, if the directory knows it.</summary>
    bool TryFind(Ed25519PublicKey node, [NotNullWhen(true)] out NextHop? hop);
}

/// <summary>A node the relay can forward to.</summary>
/// <param name="Ed25519">Its identity key.</param>
/// <param name="X25519">Its onion key (what the client encrypted the next layer to).</param>
/// <param name="BaseUrl">Its HTTPS base URL, e.g. <c>https://203.0.113.5:22021</c>.</param>
/// <param name="CertificateSha256">
/// SHA-256 of its TLS certificate (DER) when the directory knows it: the forward then accepts exactly that
/// certificate. Null: any certificate is accepted (see <see cref="NodeToNodeClient"/> for why that is tolerable).
/// </param>
public sealed record NextHop(Ed25519PublicKey Ed25519, X25519PublicKey X25519, Uri BaseUrl, byte[]? CertificateSha256 = null);
