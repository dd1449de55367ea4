using Wisp.Protocol.Onion;

namespace Wisp.Protocol.Tests.Onion;

/// <summary>The destination's <c>{"body","status"}</c> reply: Session's shapes written, and read back by the same type.</summary>
public sealed class DestinationReplyTests
{
    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    [Theory]
    [InlineData("""{"t":1}""", true, false, """{"body":"{\"t\":1}","status":200}""")]
    [InlineData("""{"t":1}""", true, true, """{"body":{"t":1},"status":200}""")]
    [InlineData("retrieve: request signature required", false, true, """{"body":"retrieve: request signature required","status":200}""")]
    public void A_reply_is_written_as_Session_wraps_it(string body, bool isJson, bool embed, string expected)
    {
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(DestinationReply.Write(200, Utf8(body), isJson, embed)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_written_reply_reads_back_with_its_status_and_body(bool embed)
    {
        var plaintext = DestinationReply.Write(421, Utf8("""{"snodes":[],"swarm":"ffffffffffffffff"}"""), bodyIsJson: true, embed);

        Assert.True(DestinationReply.TryRead(plaintext, out var status, out var body, out _));
        Assert.Equal((421, """{"snodes":[],"swarm":"ffffffffffffffff"}"""), (status, System.Text.Encoding.UTF8.GetString(body)));
    }

    [Theory]
    [InlineData("""{"body":"x"}""", "the reply has no status between 100 and 599")]
    [InlineData("""{"body":"x","status":42}""", "the reply has no status between 100 and 599")]
    [InlineData("""{"body":"x","status":"200"}""", "the reply has no status between 100 and 599")]
    [InlineData("""[200]""", "the reply has no status between 100 and 599")]
    [InlineData("""{"status":""", "the reply is not a JSON object")]
    public void A_malformed_reply_is_refused_with_the_reason(string plaintext, string expected)
    {
        Assert.False(DestinationReply.TryRead(Utf8(plaintext), out _, out _, out var problem));
        Assert.Equal(expected, problem);
    }
}
