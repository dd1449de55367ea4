using Wisp.Crypto.Keys;
using Wisp.Node.NodeLinks;
using Wisp.Node.Swarm;
using Wisp.Testing;

namespace Wisp.Node.Tests.Swarm;

/// <summary>The replay cache is bounded: full, it refuses (503) rather than forget a nonce early; a nonce is forgotten once its window has passed.</summary>
public sealed class PeerGateTests
{
    private readonly ManualTimeProvider _time = new(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
    private readonly Ed25519PublicKey _node = Ed25519KeyPair.Generate().PublicKey;

    [Fact]
    public void A_full_nonce_memory_refuses_with_503_until_old_nonces_leave_the_window()
    {
        var gate = new PeerGate(_time, ratePerSecond: 1000, burst: 1000, maxNonces: 2);
        Assert.Null(gate.Admit(Verified(1)));
        Assert.Null(gate.Admit(Verified(2)));

        Assert.Equal(503, gate.Admit(Verified(3))!.Status);
        Assert.Equal(401, gate.Admit(Verified(1))!.Status);

        _time.Advance(TimeSpan.FromSeconds(61));
        Assert.Null(gate.Admit(Verified(3)));
        Assert.Equal(1, gate.RememberedNonces);
    }

    private PeerCheck Verified(byte nonce)
    {
        var bytes = new byte[PeerAuthentication.NonceBytes];
        bytes[^1] = nonce;
        return new PeerCheck(_node, _time.GetUtcNow().ToUnixTimeMilliseconds(), bytes, new byte[64], 0, null);
    }
}
