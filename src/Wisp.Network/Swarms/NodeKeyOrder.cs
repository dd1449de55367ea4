using Wisp.Crypto.Keys;

namespace Wisp.Network.Swarms;

/// <summary>
/// The order of nodes inside a swarm and in every draw: Ed25519 keys compared byte by byte, as unsigned bytes.
/// Swarm assignment depends on it, so it is part of the protocol.
/// </summary>
public sealed class NodeKeyOrder : IComparer<Ed25519PublicKey>
{
    /// <summary>The one instance.</summary>
    public static NodeKeyOrder Instance { get; } = new();

    private NodeKeyOrder()
    {
    }

    /// <inheritdoc/>
    public int Compare(Ed25519PublicKey? x, Ed25519PublicKey? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        return x.Span.SequenceCompareTo(y.Span);
    }
}
