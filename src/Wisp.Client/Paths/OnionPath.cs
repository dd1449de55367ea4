using Wisp.Crypto.Keys;

namespace Wisp.Client.Paths;

/// <summary>
/// One onion path: <see cref="Transport.ClientLimits.PathLength"/> distinct nodes, a guard first. <see cref="Failures"/> counts the
/// requests that failed on it since the last success; <see cref="OnionPaths"/> rebuilds it after <see cref="Transport.ClientLimits.PathFailuresBeforeRebuild"/>.
/// </summary>
internal sealed class OnionPath
{
    private int _failures;

    internal OnionPath(IReadOnlyList<ServiceNode> nodes) => Nodes = nodes;

    /// <summary>The nodes in order: guard, then the relays.</summary>
    public IReadOnlyList<ServiceNode> Nodes { get; }

    /// <summary>The first node, the one the client connects to.</summary>
    public ServiceNode Guard => Nodes[0];

    /// <summary>Failed requests since the last success.</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>True when <paramref name="node"/> is on this path.</summary>
    public bool Contains(Ed25519PublicKey node) => Nodes.Any(n => n.Ed25519.Equals(node));

    internal int CountFailure() => Interlocked.Increment(ref _failures);

    internal void ResetFailures() => Volatile.Write(ref _failures, 0);

    /// <summary>The nodes' keys, shortened; nothing secret.</summary>
    public override string ToString() => string.Join(" → ", Nodes.Select(n => n.Ed25519.ToHex()[..8]));
}
