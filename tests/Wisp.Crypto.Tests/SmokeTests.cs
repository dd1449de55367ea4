using Wisp.Crypto.Hashing;

namespace Wisp.Crypto.Tests;

public class SmokeTests
{
    [Fact]
    public void Blake2bOfEmptyInputMatchesReference()
    {
        // RFC 7693 / libsodium: BLAKE2b-256 of the empty string.
        Assert.Equal("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8",
            Convert.ToHexStringLower(Blake2b.Hash([], 32)));
    }
}
