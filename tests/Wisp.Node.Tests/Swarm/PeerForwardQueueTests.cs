using System.Text;
using System.Threading.Channels;
using Wisp.Node.NodeLinks;
using Wisp.Node.Rpc;
using Wisp.Node.Swarm;
using Wisp.Protocol.Rpc;

namespace Wisp.Node.Tests.Swarm;

/// <summary>How a peer's queue cuts batches, writes them, and reads the peer's answer back into one entry per request.</summary>
public sealed class PeerForwardQueueTests
{
    private const string Peer = "aa00000000000000000000000000000000000000000000000000000000000000";

    [Fact]
    public void A_batch_takes_what_waits_in_order_up_to_the_request_cap()
    {
        var reader = Waiting(Enumerable.Range(0, ReplicationLimits.MaxForwardBatchRequests + 10).Select(i => Encoding.UTF8.GetBytes($"{{\"n\":{i}}}")));
        var batch = new List<PendingForward>();

        PeerForwardQueue.Collect(reader, batch);

        Assert.Equal(ReplicationLimits.MaxForwardBatchRequests, batch.Count);
        Assert.Equal(Enumerable.Range(0, batch.Count).Select(i => $"{{\"n\":{i}}}"), batch.Select(p => Encoding.UTF8.GetString(p.Request)));
        batch.Clear();
        PeerForwardQueue.Collect(reader, batch);
        Assert.Equal(10, batch.Count);
    }

    [Fact]
    public void A_batch_stops_at_the_byte_cap_but_always_takes_one_request_even_a_larger_one()
    {
        var large = new byte[ReplicationLimits.MaxForwardBatchBytes + 100];
        var half = new byte[ReplicationLimits.MaxForwardBatchBytes / 2];
        var reader = Waiting([large, half, half, half]);
        var batch = new List<PendingForward>();

        PeerForwardQueue.Collect(reader, batch);
        Assert.Same(large, Assert.Single(batch).Request);

        batch.Clear();
        PeerForwardQueue.Collect(reader, batch);
        // Two halves plus their separators are just over the cap: one half goes now, the next in the next batch.
        Assert.Same(half, Assert.Single(batch).Request);
    }

    [Fact]
    public void Requests_whose_caller_gave_up_are_skipped()
    {
        var channel = Channel.CreateUnbounded<PendingForward>();
        var abandoned = new PendingForward("[1]"u8.ToArray());
        abandoned.Result.SetResult(ForwardResults.TimedOut(Peer));
        var kept = new PendingForward("[2]"u8.ToArray());
        channel.Writer.TryWrite(abandoned);
        channel.Writer.TryWrite(kept);
        var batch = new List<PendingForward>();

        PeerForwardQueue.Collect(channel.Reader, batch);

        Assert.Same(kept, Assert.Single(batch));
        Assert.False(channel.Reader.TryPeek(out _));
    }

    [Fact]
    public void The_batch_body_is_a_JSON_array_of_the_requests_as_they_were()
    {
        var batch = new[] { """{"method":"store","params":{"a":1}}""", """{"method":"delete","params":{}}""" }
            .Select(r => new PendingForward(Encoding.UTF8.GetBytes(r))).ToList();

        var body = Encoding.UTF8.GetString(PeerForwardQueue.BodyOf(batch));

        Assert.Equal("""[{"method":"store","params":{"a":1}},{"method":"delete","params":{}}]""", body);
        Assert.Equal("""[{"x":1}]""", Encoding.UTF8.GetString(PeerForwardQueue.BodyOf([new PendingForward("""{"x":1}"""u8.ToArray())])));
    }

    [Fact]
    public void Each_entry_of_an_answer_becomes_that_requests_result()
    {
        var answer = Answer(200, """
            [{"code":200,"body":{"hash":"h1","signature":"s1"}},
             {"code":401,"body":"store signature verification failed"},
             {"code":421,"body":{"snodes":[]}},
             {"code":"200"}]
            """);

        var results = ForwardResults.OfBatch(answer, 4, Peer);

        Assert.All(results, r => Assert.Equal(Peer, r.PeerHex));
        Assert.Equal("""{"hash":"h1","signature":"s1"}""", Json(results[0]));
        Assert.Equal("""{"code":"401","failed":true,"reason":"store signature verification failed"}""", Json(results[1]));
        Assert.Equal("""{"code":"421","failed":true,"reason":"{\"snodes\":[]}"}""", Json(results[2]));
        Assert.Equal("""{"bad_peer_response":true,"failed":true}""", Json(results[3]));
    }

    [Theory]
    [InlineData(UpstreamFailure.TimedOut, 0, "", """{"failed":true,"timeout":true}""")]
    [InlineData(UpstreamFailure.Unreachable, 0, "", """{"failed":true,"timeout":true}""")]
    [InlineData(UpstreamFailure.TooLarge, 0, "", """{"bad_peer_response":true,"failed":true}""")]
    [InlineData(UpstreamFailure.None, 401, "node signature verification failed", """{"code":"401","failed":true,"reason":"node signature verification failed"}""")]
    [InlineData(UpstreamFailure.None, 200, """{"results":[]}""", """{"bad_peer_response":true,"failed":true}""")]
    [InlineData(UpstreamFailure.None, 200, """[{"code":200,"body":{}}]""", """{"bad_peer_response":true,"failed":true}""")]
    public void A_batch_that_failed_as_a_whole_gives_every_request_the_same_failure(UpstreamFailure failure, int status, string body, string expected)
    {
        var answer = failure == UpstreamFailure.None ? Answer(status, body) : UpstreamResponse.Failed(failure);

        var results = ForwardResults.OfBatch(answer, 3, Peer);

        Assert.Equal(3, results.Length);
        Assert.All(results, result => Assert.Equal(expected, Json(result)));
    }

    private static ChannelReader<PendingForward> Waiting(IEnumerable<byte[]> requests)
    {
        var channel = Channel.CreateUnbounded<PendingForward>();
        foreach (var request in requests)
            channel.Writer.TryWrite(new PendingForward(request));
        return channel.Reader;
    }

    private static UpstreamResponse Answer(int status, string body) =>
        new(UpstreamFailure.None, status, Encoding.UTF8.GetBytes(body), "application/json");

    private static string Json(PeerResult result) => result.Failure is { } failure
        ? Encoding.UTF8.GetString(RpcJson.Serialize(failure))
        : result.Body!.Value.GetRawText();
}
