using Wisp.Protocol.Peering;

namespace Wisp.Protocol.Tests.Peering;

/// <summary>The storage check a node asks of a swarm peer, and its answer.</summary>
public sealed class StorageCheckRecordTests
{
    private const string Owner = "05ffba630924aa1224bb930dde21c0d11bf004608f2812217f8ac812d6c7e3ad48";
    private const string Hash = "4sMyAuaZlMwww3oFvfhazfw7ASx/7TDtO+TVc8aAjHs";

    [Fact]
    public void A_check_request_round_trips()
    {
        var request = new StorageCheckRequest(Owner, -10, Hash);

        Assert.Equal(request, StorageCheckRequest.Read(request.ToJson()).Value);
    }

    [Theory]
    [InlineData($$"""{"namespace":0,"hash":"{{Hash}}"}""", "owner must be a 33-byte key as 66 hex characters")]
    [InlineData($$"""{"owner":"{{Owner}}","namespace":"0","hash":"{{Hash}}"}""", "namespace must be an integer in the namespace range")]
    [InlineData($$"""{"owner":"{{Owner}}","namespace":0,"hash":"short"}""", "hash must be 43 base64 characters")]
    [InlineData("""{"owner":""", "the body must be a JSON object")]
    public void A_bad_check_request_is_refused(string body, string expected)
    {
        Assert.Equal(expected, StorageCheckRequest.Read(System.Text.Encoding.UTF8.GetBytes(body)).Problem);
    }

    [Fact]
    public void A_found_answer_carries_the_digest_of_the_data_and_round_trips()
    {
        var answer = new StorageCheckAnswer(true, StorageCheckAnswer.DigestOf("hello"u8));

        var read = StorageCheckAnswer.Read(answer.ToJson()).Value!;

        Assert.Equal(answer, read);
        Assert.Equal(32, Convert.FromBase64String(read.DataHash!).Length);
        Assert.NotEqual(StorageCheckAnswer.DigestOf("hellp"u8), read.DataHash);
    }

    [Fact]
    public void A_not_found_answer_is_written_without_a_digest()
    {
        Assert.Equal("""{"found":false}""", System.Text.Encoding.UTF8.GetString(StorageCheckAnswer.NotFound.ToJson()));
        Assert.Equal(StorageCheckAnswer.NotFound, StorageCheckAnswer.Read("""{"found":false}"""u8.ToArray()).Value);
    }

    [Theory]
    [InlineData("""{"found":true}""", "data_hash must be a 32-byte digest, base64")]
    [InlineData("""{"found":true,"data_hash":"AAAA"}""", "data_hash must be a 32-byte digest, base64")]
    [InlineData("""{"found":1}""", "found must be true or false")]
    public void A_bad_check_answer_is_refused(string body, string expected)
    {
        Assert.Equal(expected, StorageCheckAnswer.Read(System.Text.Encoding.UTF8.GetBytes(body)).Problem);
    }
}
