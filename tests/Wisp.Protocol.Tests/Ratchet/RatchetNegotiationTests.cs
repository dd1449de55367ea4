using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Ratchet;

namespace Wisp.Protocol.Tests.Ratchet;

public class RatchetNegotiationTests
{
    private static readonly X25519PublicKey X = new(Enumerable.Repeat((byte)1, 32).ToArray());
    private static readonly X25519PublicKey Y = new(Enumerable.Repeat((byte)2, 32).ToArray());
    private static readonly byte[] Kem = Enumerable.Repeat((byte)3, MlKem768.PublicKeyBytes).ToArray();
    private static readonly byte[] Ct = Enumerable.Repeat((byte)4, MlKem768.CiphertextBytes).ToArray();

    [Fact]
    public void AHelloIsTheDictKVX()
    {
        var encoded = BencodeWriter.Encode(RatchetNegotiation.Hello(X, Kem).ToBencode());
        var text = System.Text.Encoding.Latin1.GetString(encoded);
        Assert.StartsWith("d1:k1184:", text);
        Assert.Contains("1:vi1e1:x32:", text);

        var read = RatchetNegotiation.Read(BencodeReader.Decode(encoded).Value, out var error);
        Assert.Null(error);
        Assert.True(read!.IsHello);
        Assert.Equal(X, read.X25519);
        Assert.Equal(Kem, read.KemPublicKey);
    }

    [Fact]
    public void AnAcceptIsTheDictACVX()
    {
        var encoded = BencodeWriter.Encode(RatchetNegotiation.Accept(Y, Ct, X).ToBencode());
        Assert.StartsWith("d1:a32:", System.Text.Encoding.Latin1.GetString(encoded));
        Assert.Null(RatchetNegotiation.Read(BencodeReader.Decode(encoded).Value, out _)!.Dropped);
        encoded = BencodeWriter.Encode(RatchetNegotiation.Accept(Y, Ct, X, dropped: Y).ToBencode());

        var read = RatchetNegotiation.Read(BencodeReader.Decode(encoded).Value, out _);
        Assert.False(read!.IsHello);
        Assert.Equal(Y, read.X25519);
        Assert.Equal(X, read.Answers);
        Assert.Equal(Ct, read.KemCiphertext);
        Assert.Equal(Y, read.Dropped);
    }

    [Fact]
    public void UnknownVersionsAndWrongLengthsAreIgnoredWithAReason()
    {
        var later = new BencodeDictionary(new KeyValuePair<string, BencodeValue>[] { new("v", new BencodeInteger(2)), new("x", new BencodeString(X.Span.ToArray())) });
        Assert.Null(RatchetNegotiation.Read(later, out var error));
        Assert.Equal("unknown ratchet negotiation version", error);

        var shortKem = new BencodeDictionary(new KeyValuePair<string, BencodeValue>[] {
            new("k", new BencodeString(new byte[10])), new("v", new BencodeInteger(1)), new("x", new BencodeString(X.Span.ToArray())) });
        Assert.Null(RatchetNegotiation.Read(shortKem, out error));
        Assert.StartsWith("ratchet negotiation is neither", error);

        Assert.Null(RatchetNegotiation.Read(new BencodeString(new byte[3]), out error));
        Assert.Equal("ratchet negotiation is not a dict", error);
    }
}
