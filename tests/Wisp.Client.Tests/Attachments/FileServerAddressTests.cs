using Wisp.Client.Attachments;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Attachments;

public class FileServerAddressTests
{
    private static readonly X25519PublicKey Key = X25519KeyPair.Generate().PublicKey;
    private static readonly string Hash = new('a', 64);

    [Fact]
    public void APointerUrlReadsBackAsItsServerAndManifest()
    {
        var server = new FileServerAddress(new Uri("http://127.0.0.1:8123/"), Key);
        var url = server.PointerUrl(Hash);
        Assert.Equal($"http://127.0.0.1:8123/chunk/{Hash}#p={Key.ToHex()}", url);
        Assert.True(FileServerAddress.TryParsePointer(url, out var parsed, out var manifest));
        Assert.Equal(server, parsed);
        Assert.Equal(Hash, manifest);
        Assert.Equal("127.0.0.1", parsed.ToOnionServer().Host);
        Assert.Equal(8123, parsed.ToOnionServer().Port);
    }

    [Theory]
    [InlineData("http://filev2.getsession.org/file/abc")]
    [InlineData("ftp://127.0.0.1/chunk/aaaa#p=00")]
    [InlineData("http://127.0.0.1:1/chunk/nothex#p=00")]
    [InlineData("not a url")]
    [InlineData(null)]
    public void OtherUrlsAreNotWispAttachments(string? url) =>
        Assert.False(FileServerAddress.TryParsePointer(url, out _, out _));

    [Fact]
    public void AUrlWithoutTheServersKeyIsRefused() =>
        Assert.False(FileServerAddress.TryParsePointer($"http://127.0.0.1:1/chunk/{Hash}", out _, out _));
}
