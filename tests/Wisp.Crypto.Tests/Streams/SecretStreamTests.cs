using Wisp.Crypto.Streams;

namespace Wisp.Crypto.Tests.Streams;

public class SecretStreamTests
{
    private static (byte[] Key, byte[] Header, List<byte[]> Pieces) Encrypt(params byte[][] plaintexts)
    {
        var key = SecretStreamEncryptor.GenerateKey();
        var header = new byte[SecretStreamEncryptor.HeaderBytes];
        using var encryptor = new SecretStreamEncryptor(key, header);
        var pieces = new List<byte[]>();
        for (var i = 0; i < plaintexts.Length; i++)
        {
            var ciphertext = new byte[plaintexts[i].Length + SecretStreamEncryptor.ABytes];
            encryptor.Push(plaintexts[i], ciphertext, final: i == plaintexts.Length - 1);
            pieces.Add(ciphertext);
        }
        Assert.True(encryptor.IsFinished);
        return (key, header, pieces);
    }

    private static byte[] Pull(SecretStreamDecryptor decryptor, byte[] piece, SecretStreamPiece expected)
    {
        var plaintext = new byte[piece.Length - SecretStreamEncryptor.ABytes];
        Assert.Equal(expected, decryptor.Pull(piece, plaintext));
        return plaintext;
    }

    [Fact]
    public void PiecesDecryptInOrderAndTheLastIsFinal()
    {
        byte[][] plaintexts = [RandomBytes.Get(1000), RandomBytes.Get(65536), []];
        var (key, header, pieces) = Encrypt(plaintexts);
        using var decryptor = new SecretStreamDecryptor(key, header);
        Assert.Equal(plaintexts[0], Pull(decryptor, pieces[0], SecretStreamPiece.Message));
        Assert.Equal(plaintexts[1], Pull(decryptor, pieces[1], SecretStreamPiece.Message));
        Assert.Equal(plaintexts[2], Pull(decryptor, pieces[2], SecretStreamPiece.Final));
    }

    [Fact]
    public void AChangedByteIsForgedAndZeroesTheOutput()
    {
        var (key, header, pieces) = Encrypt(RandomBytes.Get(100), RandomBytes.Get(100));
        pieces[1][50] ^= 1;
        using var decryptor = new SecretStreamDecryptor(key, header);
        Pull(decryptor, pieces[0], SecretStreamPiece.Message);
        Assert.All(Pull(decryptor, pieces[1], SecretStreamPiece.Forged), b => Assert.Equal(0, b));
    }

    [Fact]
    public void SwappedPiecesAreForged()
    {
        var (key, header, pieces) = Encrypt(RandomBytes.Get(100), RandomBytes.Get(100), RandomBytes.Get(100));
        using var decryptor = new SecretStreamDecryptor(key, header);
        Pull(decryptor, pieces[1], SecretStreamPiece.Forged);
    }

    [Fact]
    public void NothingDecryptsAfterAForgedPiece()
    {
        var (key, header, pieces) = Encrypt(RandomBytes.Get(100), RandomBytes.Get(100));
        using var decryptor = new SecretStreamDecryptor(key, header);
        var bad = (byte[])pieces[0].Clone();
        bad[0] ^= 1;
        Pull(decryptor, bad, SecretStreamPiece.Forged);
        Pull(decryptor, pieces[0], SecretStreamPiece.Forged);
    }

    [Fact]
    public void AWrongKeyOrHeaderIsForged()
    {
        var (key, header, pieces) = Encrypt(RandomBytes.Get(10));
        using (var wrongKey = new SecretStreamDecryptor(SecretStreamEncryptor.GenerateKey(), header))
            Pull(wrongKey, pieces[0], SecretStreamPiece.Forged);
        header[3] ^= 1;
        using var wrongHeader = new SecretStreamDecryptor(key, header);
        Pull(wrongHeader, pieces[0], SecretStreamPiece.Forged);
    }

    [Fact]
    public void APieceShorterThanItsOverheadIsForged()
    {
        var (key, header, _) = Encrypt(RandomBytes.Get(10));
        using var decryptor = new SecretStreamDecryptor(key, header);
        Assert.Equal(SecretStreamPiece.Forged, decryptor.Pull(new byte[5], []));
    }

    [Fact]
    public void NothingIsWrittenAfterTheFinalPiece()
    {
        var key = SecretStreamEncryptor.GenerateKey();
        using var encryptor = new SecretStreamEncryptor(key, new byte[SecretStreamEncryptor.HeaderBytes]);
        encryptor.Push([1], new byte[1 + SecretStreamEncryptor.ABytes], final: true);
        Assert.Throws<InvalidOperationException>(() => encryptor.Push([1], new byte[1 + SecretStreamEncryptor.ABytes], final: false));
    }

    [Fact]
    public void WrongLengthsNameTheirParameter()
    {
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => new SecretStreamEncryptor(new byte[31], new byte[24])).ParamName);
        Assert.Equal("header", Assert.Throws<ArgumentException>(() => new SecretStreamDecryptor(new byte[32], new byte[23])).ParamName);
        using var encryptor = new SecretStreamEncryptor(new byte[32], new byte[24]);
        Assert.Equal("ciphertext", Assert.Throws<ArgumentException>(() => encryptor.Push([1, 2], new byte[18], final: false)).ParamName);
    }
}
