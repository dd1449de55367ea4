using System.Net;
using Wisp.Dht.Rpc;

namespace Wisp.Dht.Tests.Rpc;

/// <summary>Round-trip tokens: bound to the IP they were given to, good across one rotation, refused after two.</summary>
public sealed class TokenTests
{
    private static readonly IPAddress Alice = IPAddress.Parse("198.51.100.1");
    private static readonly IPAddress Mallory = IPAddress.Parse("198.51.100.66");

    [Fact]
    public void AToken_IsGoodForItsIp_Only()
    {
        var secrets = new TokenSecrets();
        var token = secrets.Create(Alice);

        Assert.True(secrets.Verify(Alice, token));
        Assert.False(secrets.Verify(Mallory, token));
    }

    [Fact]
    public void AToken_OutlivesOneRotation_ButNotTwo()
    {
        var secrets = new TokenSecrets();
        var token = secrets.Create(Alice);

        secrets.Rotate();
        Assert.True(secrets.Verify(Alice, token));
        secrets.Rotate();
        Assert.False(secrets.Verify(Alice, token));
    }

    [Fact]
    public void AWrongLengthToken_IsRefused()
    {
        var secrets = new TokenSecrets();

        Assert.False(secrets.Verify(Alice, secrets.Create(Alice).AsSpan(1)));
    }
}
