using System.Text;
using Wisp.Crypto.Hashing;

namespace Wisp.Crypto.Tests.Hashing;

public class Sha256HasherTests
{
    [Fact]
    public void MatchesTheFips180Vector()
    {
        // FIPS 180-2, appendix B.2: the two-block message.
        var hasher = new Sha256Hasher();
        var message = Encoding.ASCII.GetBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
        hasher.Update(message.AsSpan(0, 7));
        hasher.Update(message.AsSpan(7));
        Assert.Equal("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", Convert.ToHexStringLower(hasher.Finish()));
    }

    [Fact]
    public void PiecesHashAsTheWhole()
    {
        var data = RandomBytes.Get(10_000);
        var whole = new Sha256Hasher();
        whole.Update(data);
        var pieces = new Sha256Hasher();
        for (var i = 0; i < data.Length; i += 333)
            pieces.Update(data.AsSpan(i, Math.Min(333, data.Length - i)));
        Assert.Equal(whole.Finish(), pieces.Finish());
    }

    [Fact]
    public void AFinishedHasherCannotBeUsed()
    {
        var hasher = new Sha256Hasher();
        hasher.Finish();
        Assert.Throws<ObjectDisposedException>(() => hasher.Update([1]));
    }
}
