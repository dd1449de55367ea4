using Wisp.Crypto.Keys;
using Wisp.Node.Rpc;

namespace Wisp.Node.Tests.Rpc;

public sealed class X25519FormCacheTests
{
    [Fact]
    public void Gives_libsodiums_conversion_the_first_time_and_after()
    {
        using var pair = Ed25519KeyPair.Generate();
        var expected = pair.PublicKey.ToX25519()!.Span.ToArray();

        Assert.Equal(expected, X25519FormCache.Of(pair.PublicKey, out var first).ToArray());
        Assert.True(first);
        Assert.Equal(expected, X25519FormCache.Of(pair.PublicKey, out var second).ToArray());
        Assert.True(second);
        Assert.Equal(pair.X25519PublicKey.Span.ToArray(), expected);
    }

    [Fact]
    public void Keys_that_share_a_slot_each_get_their_own_form()
    {
        // Same first four bytes, so the same slot: the second replaces the first, and neither answer is mixed up.
        var keys = new List<Ed25519PublicKey>();
        while (keys.Count < 2)
        {
            using var pair = Ed25519KeyPair.Generate();
            var bytes = pair.PublicKey.Span.ToArray();
            bytes[0] = bytes[1] = bytes[2] = bytes[3] = 7;
            var key = new Ed25519PublicKey(bytes);
            if (key.ToX25519() is not null) keys.Add(key);
        }
        for (var round = 0; round < 2; round++)
        {
            foreach (var key in keys)
            {
                Assert.Equal(key.ToX25519()!.Span.ToArray(), X25519FormCache.Of(key, out var valid).ToArray());
                Assert.True(valid);
            }
        }
    }

    [Fact]
    public void A_key_that_is_not_a_point_is_invalid_every_time()
    {
        // y = 1 is the identity point, of small order: libsodium's conversion refuses it.
        var bytes = new byte[32];
        bytes[0] = 1;
        var notAPoint = new Ed25519PublicKey(bytes);
        Assert.Null(notAPoint.ToX25519());

        Assert.True(X25519FormCache.Of(notAPoint, out var first).IsEmpty);
        Assert.False(first);
        Assert.True(X25519FormCache.Of(notAPoint, out var second).IsEmpty);
        Assert.False(second);
    }
}
