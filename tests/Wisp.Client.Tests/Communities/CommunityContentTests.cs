using Wisp.Client.Communities;
using Wisp.Crypto.Sealing;

namespace Wisp.Client.Tests.Communities;

public sealed class CommunityContentTests
{
    [Fact]
    public void A_reply_round_trips_padded_as_Session_pads_with_its_quote_and_name()
    {
        var data = CommunityContent.Text("me too", 1_750_000_000_123, "Alice", 1_749_999_999_000, "15" + new string('a', 64), "hello");

        Assert.Equal(0, data.Length % MessagePadding.BlockBytes);
        var read = CommunityContent.Read(data)!;
        Assert.Equal("me too", read.Text);
        Assert.Equal(1_750_000_000_123, read.SentMs);
        Assert.Equal("Alice", read.SenderName);
        Assert.Equal(1_749_999_999_000, read.QuoteSentMs);
        Assert.Equal("15" + new string('a', 64), read.QuoteAuthor);
        Assert.Equal("hello", read.QuoteText);
    }

    [Fact]
    public void Bytes_that_are_not_a_content_protobuf_read_as_nothing()
    {
        Assert.Null(CommunityContent.Read([0xff, 0xff, 0xff, 0x80, 0, 0]));
    }
}
