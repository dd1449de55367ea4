using Wisp.Protocol.Peering;

namespace Wisp.Protocol.Tests.Peering;

/// <summary>The forward-batch request and answer: each round-trips through its own writer and reader, and refuses bad input.</summary>
public sealed class ForwardBatchTests
{
    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_request_round_trips_each_request_byte_for_byte()
    {
        byte[][] requests = [Utf8("""{"method":"store","params":{"a" : 1}}"""), Utf8("""{"method":"delete","params":{}}""")];

        var read = ForwardBatch.TryReadRequest(ForwardBatch.WriteRequest(requests), maxRequests: 64);

        Assert.NotNull(read);
        Assert.Equal(requests.Select(System.Text.Encoding.UTF8.GetString), read.Select(System.Text.Encoding.UTF8.GetString));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("[1,2,3]")]
    [InlineData("[")]
    [InlineData("not json")]
    public void A_request_that_is_not_an_array_of_one_to_the_cap_is_refused(string body)
    {
        Assert.Null(ForwardBatch.TryReadRequest(Utf8(body), maxRequests: 2));
    }

    [Fact]
    public void An_answer_round_trips_json_and_text_bodies_in_order()
    {
        var body = ForwardBatch.WriteAnswer([(200, Utf8("""{"hash":"x"}"""), true), (401, Utf8("store signature verification failed"), false)]);

        var read = ForwardBatch.TryReadAnswer(body, count: 2);

        Assert.NotNull(read);
        Assert.Equal("""[{"body":{"hash":"x"},"code":200},{"body":"store signature verification failed","code":401}]""", System.Text.Encoding.UTF8.GetString(body));
        Assert.Equal((200, """{"hash":"x"}"""), (read[0]!.Status, read[0]!.JsonElement!.Value.GetRawText()));
        Assert.Equal((401, "store signature verification failed"), (read[1]!.Status, read[1]!.Text));
    }

    [Fact]
    public void An_answer_of_another_length_or_shape_is_refused_and_a_malformed_entry_reads_as_null()
    {
        Assert.Null(ForwardBatch.TryReadAnswer(Utf8("""[{"body":{},"code":200}]"""), count: 2));
        Assert.Null(ForwardBatch.TryReadAnswer(Utf8("""{"body":{},"code":200}"""), count: 1));
        Assert.Null(ForwardBatch.TryReadAnswer(Utf8("""[{"body":{}"""), count: 1));

        var read = ForwardBatch.TryReadAnswer(Utf8("""[{"body":{},"code":200},{"code":"x"}]"""), count: 2);

        Assert.NotNull(read);
        Assert.NotNull(read[0]);
        Assert.Null(read[1]);
    }
}
