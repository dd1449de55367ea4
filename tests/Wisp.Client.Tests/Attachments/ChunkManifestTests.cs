using Wisp.Client.Attachments;
using Wisp.Crypto;
using Wisp.Crypto.Streams;

namespace Wisp.Client.Tests.Attachments;

public class ChunkManifestTests
{
    private static readonly string[] Hashes = [Convert.ToHexStringLower(RandomBytes.Get(32)), Convert.ToHexStringLower(RandomBytes.Get(32))];

    [Fact]
    public void AManifestOpensWithItsFilesKey()
    {
        var key = SecretStreamEncryptor.GenerateKey();
        var manifest = new ChunkManifest(AttachmentLimits.ChunkBytes + 1, Hashes);
        var opened = ChunkManifest.Open(manifest.Seal(key), key);
        Assert.NotNull(opened);
        Assert.Equal(manifest.CiphertextBytes, opened.CiphertextBytes);
        Assert.Equal(Hashes, opened.ChunkHashes);
    }

    [Fact]
    public void AnotherKeyOrAChangedByteOpensNothing()
    {
        var key = SecretStreamEncryptor.GenerateKey();
        var sealedBytes = new ChunkManifest(AttachmentLimits.ChunkBytes + 1, Hashes).Seal(key);
        Assert.Null(ChunkManifest.Open(sealedBytes, SecretStreamEncryptor.GenerateKey()));
        sealedBytes[^1] ^= 1;
        Assert.Null(ChunkManifest.Open(sealedBytes, key));
    }

    [Fact]
    public void ACountThatDoesNotFitTheLengthIsRefused()
    {
        var key = SecretStreamEncryptor.GenerateKey();
        // Two chunks listed for a ciphertext that needs one.
        Assert.Null(ChunkManifest.Open(new ChunkManifest(100, Hashes).Seal(key), key));
        Assert.Null(ChunkManifest.Open(new byte[10], key));
    }

    [Fact]
    public void TheSealedManifestShowsNoChunkHash()
    {
        var key = SecretStreamEncryptor.GenerateKey();
        var sealedHex = Convert.ToHexStringLower(new ChunkManifest(AttachmentLimits.ChunkBytes + 1, Hashes).Seal(key));
        Assert.DoesNotContain(Hashes[0][..16], sealedHex);
    }
}
