using Wisp.Crypto.Kem;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Ratchet;
using Wisp.Protocol.Ratchet;

namespace Wisp.Protocol.Tests.Ratchet;

public class RatchetMessageTests
{
    private static readonly X25519PublicKey Dh = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void APlainHeaderRoundTripsWithItsExactBytes()
    {
        var header = new RatchetHeader(Dh, 7, 0x01020304, null, null);
        var bytes = RatchetMessage.Write(new RatchetSealed(RatchetMessage.WriteHeader(header), new byte[20]));

        Assert.Equal(RatchetMessage.FixedHeaderBytes + 20, bytes.Length);
        Assert.Equal("0100" + Convert.ToHexStringLower(Dh.Span) + "00000007" + "01020304", Convert.ToHexStringLower(bytes.AsSpan(0, 42)));
        var read = RatchetMessage.Read(bytes).Message!;
        Assert.Equal(Dh, read.Header.DhPublicKey);
        Assert.Equal(7u, read.Header.PreviousChainLength);
        Assert.Equal(0x01020304u, read.Header.MessageNumber);
        Assert.Null(read.Header.KemPublicKey);
        Assert.Null(read.Header.KemCiphertext);
        Assert.Equal(bytes[..42], read.HeaderBytes.ToArray());
        Assert.Equal(20, read.Ciphertext.Length);
    }

    [Fact]
    public void KemFieldsRoundTripBehindTheirFlags()
    {
        var kem = Enumerable.Repeat((byte)0xAA, MlKem768.PublicKeyBytes).ToArray();
        var ct = Enumerable.Repeat((byte)0xBB, MlKem768.CiphertextBytes).ToArray();
        var header = new RatchetHeader(Dh, 0, 1, kem, ct);
        var bytes = RatchetMessage.Write(new RatchetSealed(RatchetMessage.WriteHeader(header), new byte[16]));

        Assert.Equal(3, bytes[1]);
        var read = RatchetMessage.Read(bytes).Message!;
        Assert.Equal(kem, read.Header.KemPublicKey);
        Assert.Equal(ct, read.Header.KemCiphertext);
        Assert.Equal(RatchetMessage.FixedHeaderBytes + kem.Length + ct.Length, read.HeaderBytes.Length);
    }

    [Theory]
    [InlineData("short", "ratchet message is too short")]
    [InlineData("version", "unknown ratchet message version 2")]
    [InlineData("flags", "unknown ratchet header flags")]
    [InlineData("missing kem", "ratchet message is shorter than its header says")]
    public void BadBytesAreRefusedWithAReason(string mutation, string error)
    {
        var bytes = RatchetMessage.Write(new RatchetSealed(RatchetMessage.WriteHeader(new RatchetHeader(Dh, 0, 0, null, null)), new byte[16]));
        switch (mutation)
        {
            case "short": bytes = bytes[..^1]; break;
            case "version": bytes[0] = 2; break;
            case "flags": bytes[1] = 4; break;
            case "missing kem": bytes[1] = 1; break;
        }
        var result = RatchetMessage.Read(bytes);
        Assert.Null(result.Message);
        Assert.Equal(error, result.Error);
    }
}
