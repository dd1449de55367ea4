using Wisp.Client.Paths;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Paths;

/// <summary>A guard test that passes every node except the ones marked dead, and records what it tested.</summary>
internal sealed class FakeProbe : INodeProbe
{
    public HashSet<Ed25519PublicKey> Dead { get; } = [];

    public List<Ed25519PublicKey> Tested { get; } = [];

    public Task<bool> TestAsync(ServiceNode node, CancellationToken cancellationToken)
    {
        lock (Tested)
            Tested.Add(node.Ed25519);
        return Task.FromResult(!Dead.Contains(node.Ed25519));
    }
}
