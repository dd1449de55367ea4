using Wisp.Client.Attachments;
using Wisp.Client.Tests.Support;
using Wisp.Crypto;
using Wisp.Crypto.Streams;

namespace Wisp.Client.Tests.Attachments;

public class AttachmentCipherTests
{
    private static async Task<(string Source, string Staged, byte[] Key, EncryptedFile Encrypted, byte[] Plain)> EncryptAsync(TempHome temp, int size)
    {
        var plain = RandomBytes.Get(size);
        var source = Path.Combine(temp.Root, "source.bin");
        await File.WriteAllBytesAsync(source, plain, TestContext.Current.CancellationToken);
        var staged = Path.Combine(temp.Root, "staged.enc");
        var key = SecretStreamEncryptor.GenerateKey();
        var encrypted = await AttachmentCipher.EncryptAsync(source, staged, key, TestContext.Current.CancellationToken);
        return (source, staged, key, encrypted, plain);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(AttachmentLimits.PieceBytes)]
    [InlineData(AttachmentLimits.ChunkBytes + 12_345)]
    public async Task AFileDecryptsToItselfAfterItsDigestIsChecked(int size)
    {
        using var temp = new TempHome();
        var (_, staged, key, encrypted, plain) = await EncryptAsync(temp, size);
        Assert.Equal(AttachmentLimits.CiphertextBytes(size), new FileInfo(staged).Length);
        Assert.Equal(AttachmentLimits.Chunks(encrypted.CiphertextBytes), encrypted.ChunkHashes.Count);

        var output = Path.Combine(temp.Root, "out.bin");
        Assert.Equal(DecryptFailure.None, await AttachmentCipher.DecryptAsync(staged, output, key, encrypted.Digest, size, TestContext.Current.CancellationToken));
        Assert.Equal(plain, await File.ReadAllBytesAsync(output, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ChunkHashesAreTheBlake2bOfEachFourMebibytes()
    {
        using var temp = new TempHome();
        var (_, staged, _, encrypted, _) = await EncryptAsync(temp, AttachmentLimits.ChunkBytes + 100);
        var bytes = await File.ReadAllBytesAsync(staged, TestContext.Current.CancellationToken);
        Assert.Equal(Protocol.Files.ChunkHash.Of(bytes.AsSpan(0, AttachmentLimits.ChunkBytes)), encrypted.ChunkHashes[0]);
        Assert.Equal(Protocol.Files.ChunkHash.Of(bytes.AsSpan(AttachmentLimits.ChunkBytes)), encrypted.ChunkHashes[1]);
    }

    [Fact]
    public async Task AWrongDigestIsRefusedAndLeavesNoFile()
    {
        using var temp = new TempHome();
        var (_, staged, key, encrypted, _) = await EncryptAsync(temp, 1000);
        var digest = (byte[])encrypted.Digest.Clone();
        digest[0] ^= 1;
        var output = Path.Combine(temp.Root, "out.bin");
        Assert.Equal(DecryptFailure.DigestMismatch, await AttachmentCipher.DecryptAsync(staged, output, key, digest, 1000, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task AChangedByteIsRefusedAndLeavesNoFile()
    {
        using var temp = new TempHome();
        var (_, staged, key, encrypted, _) = await EncryptAsync(temp, 200_000);
        var bytes = await File.ReadAllBytesAsync(staged, TestContext.Current.CancellationToken);
        bytes[100_000] ^= 1;
        await File.WriteAllBytesAsync(staged, bytes, TestContext.Current.CancellationToken);
        var output = Path.Combine(temp.Root, "out.bin");
        Assert.Equal(DecryptFailure.Forged, await AttachmentCipher.DecryptAsync(staged, output, key, encrypted.Digest, 200_000, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task ATruncatedCiphertextIsRefused()
    {
        using var temp = new TempHome();
        var (_, staged, key, encrypted, _) = await EncryptAsync(temp, 3 * AttachmentLimits.PieceBytes);
        await using (var file = new FileStream(staged, FileMode.Open))
            file.SetLength(24 + (2 * (AttachmentLimits.PieceBytes + SecretStreamEncryptor.ABytes)));
        var output = Path.Combine(temp.Root, "out.bin");
        Assert.Equal(DecryptFailure.Forged, await AttachmentCipher.DecryptAsync(staged, output, key, encrypted.Digest, 3 * AttachmentLimits.PieceBytes, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task BytesAfterTheFinalPieceAreRefused()
    {
        using var temp = new TempHome();
        var (_, staged, key, encrypted, _) = await EncryptAsync(temp, 500);
        await File.AppendAllTextAsync(staged, "x", TestContext.Current.CancellationToken);
        var output = Path.Combine(temp.Root, "out.bin");
        Assert.Equal(DecryptFailure.Forged, await AttachmentCipher.DecryptAsync(staged, output, key, encrypted.Digest, 500, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ASizeOtherThanTheMessageSaysIsRefused()
    {
        using var temp = new TempHome();
        var (_, staged, key, encrypted, _) = await EncryptAsync(temp, 500);
        var output = Path.Combine(temp.Root, "out.bin");
        Assert.Equal(DecryptFailure.SizeMismatch, await AttachmentCipher.DecryptAsync(staged, output, key, encrypted.Digest, 501, TestContext.Current.CancellationToken));
        Assert.False(File.Exists(output));
    }
}
