using CsCheck;
using Wisp.Crypto.Sealing;

namespace Wisp.Crypto.Tests.Sealing;

public class MessagePaddingTests
{
    [Theory]
    [InlineData(0, 160)]
    [InlineData(1, 160)]
    [InlineData(158, 160)]
    [InlineData(159, 320)] // libsession adds a whole block when n + 1 is a multiple of 160
    [InlineData(160, 320)]
    [InlineData(318, 320)]
    [InlineData(319, 480)]
    [InlineData(1000, 1120)]
    public void PaddedLengthFollowsLibsession(int contentLength, int paddedLength)
    {
        Assert.Equal(paddedLength, MessagePadding.PaddedLength(contentLength));
        Assert.Equal(paddedLength, MessagePadding.Pad(new byte[contentLength]).Length);
    }

    [Fact]
    public void PaddingIsTerminatorThenZeros()
    {
        var padded = MessagePadding.Pad("hello"u8);
        Assert.Equal("hello"u8.ToArray(), padded[..5]);
        Assert.Equal(0x80, padded[5]);
        Assert.All(padded[6..], b => Assert.Equal(0, b));
    }

    [Fact]
    public void UnpadRoundTripsAnyContent()
    {
        Gen.Byte.Array[0, 700].Sample(content =>
        {
            Assert.True(MessagePadding.TryUnpad(MessagePadding.Pad(content), out var unpadded));
            Assert.Equal(content, unpadded.ToArray());
        });
    }

    [Fact]
    public void ContentEndingInZerosOrTerminatorSurvives()
    {
        byte[] endsInZeros = [1, 2, 0, 0];
        byte[] endsInTerminator = [1, 0x80];
        Assert.True(MessagePadding.TryUnpad(MessagePadding.Pad(endsInZeros), out var a));
        Assert.Equal(endsInZeros, a.ToArray());
        Assert.True(MessagePadding.TryUnpad(MessagePadding.Pad(endsInTerminator), out var b));
        Assert.Equal(endsInTerminator, b.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("00000000")]
    [InlineData("68656c6c6f")] // unpadded "hello"
    [InlineData("68656c6c6f0000")] // zeros with no terminator: libsession would cut them off; we refuse
    [InlineData("68656c6c6f81000000")]
    public void InputWithoutTerminatorIsRejected(string hex)
    {
        Assert.False(MessagePadding.TryUnpad(Convert.FromHexString(hex), out var content));
        Assert.True(content.IsEmpty);
    }

    [Fact]
    public void PadRejectsWrongBufferAndNegativeLength()
    {
        var error = Assert.Throws<ArgumentException>(() => MessagePadding.Pad("abc"u8, new byte[159]));
        Assert.Equal("padded", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => MessagePadding.PaddedLength(-1));
    }
}
