using Wisp.Protocol.Peering;

namespace Wisp.Protocol.Tests.Peering;

/// <summary>Sync, fetch and push requests and answers: each round-trips through its own writer and reader, and refuses bad input.</summary>
public sealed class TransferRecordTests
{
    private static byte[] Utf8(string text) => System.Text.Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_sync_request_round_trips()
    {
        var read = SyncRequest.Read(new SyncRequest(42, 10).ToJson());

        Assert.Equal(new SyncRequest(42, 10), read.Value);
    }

    [Theory]
    [InlineData("""{"after_id":3}""", PeeringLimits.MaxSyncRecords)]
    [InlineData("""{"after_id":3,"max_count":0}""", 1)]
    [InlineData("""{"after_id":3,"max_count":99999999999}""", PeeringLimits.MaxSyncRecords)]
    public void A_sync_count_defaults_to_and_is_held_within_the_cap(string body, int expected)
    {
        Assert.Equal(expected, SyncRequest.Read(Utf8(body)).Value!.MaxCount);
    }

    [Theory]
    [InlineData("""{}""", "after_id must be a non-negative integer")]
    [InlineData("""{"after_id":-1}""", "after_id must be a non-negative integer")]
    [InlineData("""{"after_id":"5"}""", "after_id must be a non-negative integer")]
    [InlineData("""{"after_id":5,"max_count":"all"}""", "max_count must be an integer")]
    [InlineData("""not json""", "the body must be a JSON object")]
    public void A_bad_sync_request_is_refused(string body, string expected)
    {
        Assert.Equal(expected, SyncRequest.Read(Utf8(body)).Problem);
    }

    [Fact]
    public void A_sync_answer_round_trips()
    {
        var answer = new SyncAnswer("0123456789abcdef", [PeerMessageTests.Message(withData: false)], 99, true);

        var read = SyncAnswer.Read(answer.ToJson()).Value!;

        Assert.Equal((answer.StoreId, answer.Next, answer.More), (read.StoreId, read.Next, read.More));
        Assert.Equal(answer.Messages, read.Messages);
    }

    [Theory]
    [InlineData("""{"messages":[],"next":1,"more":false}""", "store_id must be a string of 1 to 128 characters")]
    [InlineData("""{"store_id":"","messages":[],"next":1,"more":false}""", "store_id must be a string of 1 to 128 characters")]
    [InlineData("""{"store_id":"a","next":1,"more":false}""", "messages must be an array")]
    [InlineData("""{"store_id":"a","messages":[],"more":false}""", "next must be a non-negative integer")]
    [InlineData("""{"store_id":"a","messages":[],"next":1,"more":"no"}""", "more must be true or false")]
    public void A_bad_sync_answer_is_refused(string body, string expected)
    {
        Assert.Equal(expected, SyncAnswer.Read(Utf8(body)).Problem);
    }

    [Fact]
    public void A_fetch_request_round_trips()
    {
        Assert.Equal([3L, 5L, 8L], FetchRequest.Read(new FetchRequest([3, 5, 8]).ToJson()).Value!.Ids);
    }

    [Theory]
    [InlineData("""{}""", "ids must be an array of at most 500 insertion ids")]
    [InlineData("""{"ids":[1,"2"]}""", "every id must be a non-negative integer")]
    [InlineData("""{"ids":[1,-2]}""", "every id must be a non-negative integer")]
    [InlineData("""{"ids":[1.5]}""", "every id must be a non-negative integer")]
    public void A_bad_fetch_request_is_refused(string body, string expected)
    {
        Assert.Equal(expected, FetchRequest.Read(Utf8(body)).Problem);
    }

    [Fact]
    public void A_fetch_request_for_more_ids_than_a_page_is_refused()
    {
        var ids = string.Join(',', Enumerable.Range(0, PeeringLimits.MaxTransferRecords + 1));

        Assert.Equal("ids must be an array of at most 500 insertion ids", FetchRequest.Read(Utf8($$"""{"ids":[{{ids}}]}""")).Problem);
    }

    [Fact]
    public void A_fetch_answer_round_trips_with_data()
    {
        var message = PeerMessageTests.Message();

        var read = FetchAnswer.Read(new FetchAnswer([message], true).ToJson()).Value!;

        Assert.True(read.More);
        Assert.Equal(message.Data, Assert.Single(read.Messages).Data);
    }

    [Fact]
    public void A_fetch_answer_without_data_is_refused()
    {
        var listed = new FetchAnswer([PeerMessageTests.Message(withData: false)], false).ToJson();

        Assert.Equal("messages[0]: data is missing", FetchAnswer.Read(listed).Problem);
    }

    [Fact]
    public void A_push_answer_round_trips()
    {
        var answer = new PushAnswer(3, 2, 1, 4);

        Assert.Equal(answer, PushAnswer.Read(answer.ToJson()).Value);
    }

    [Theory]
    [InlineData("""{"stored":1,"already":0,"full":0}""", "misdirected must be an integer from 0 to 500")]
    [InlineData("""{"stored":-1,"already":0,"full":0,"misdirected":0}""", "stored must be an integer from 0 to 500")]
    [InlineData("""{"stored":1,"already":501,"full":0,"misdirected":0}""", "already must be an integer from 0 to 500")]
    public void A_bad_push_answer_is_refused(string body, string expected)
    {
        Assert.Equal(expected, PushAnswer.Read(Utf8(body)).Problem);
    }
}
