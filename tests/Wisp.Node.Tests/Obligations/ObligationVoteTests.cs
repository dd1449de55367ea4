using System.Text;
using Wisp.Protocol.Peering;

namespace Wisp.Node.Tests.Obligations;

/// <summary>The vote a quorum member sends another: read back as written, refused with a sentence when malformed.</summary>
public sealed class ObligationVoteTests
{
    private static readonly string Node = new('a', 64);
    private static readonly string Signature = "0x" + new string('b', 130);

    [Fact]
    public void A_vote_reads_back_as_written()
    {
        var vote = new ObligationVote(12, "decommission", Node, Signature);
        Assert.Equal(vote, ObligationVote.Read(vote.ToJson()).Value);
    }

    [Theory]
    [InlineData("""{"round":-1,"action":"decommission","node":"NODE","signature":"SIG"}""", "round must be a non-negative integer")]
    [InlineData("""{"round":1,"action":"evict","node":"NODE","signature":"SIG"}""", "action must be decommission, recommission or deregister")]
    [InlineData("""{"round":1,"action":"deregister","node":"abc","signature":"SIG"}""", "node must be an Ed25519 key as 64 hex characters")]
    [InlineData("""{"round":1,"action":"recommission","node":"NODE","signature":"0x12"}""", "signature must be 0x and 130 hex characters")]
    [InlineData("""[1]""", "the body must be a JSON object")]
    public void A_malformed_vote_is_refused_with_the_reason(string json, string problem)
    {
        var body = Encoding.UTF8.GetBytes(json.Replace("NODE", Node, StringComparison.Ordinal).Replace("SIG", Signature, StringComparison.Ordinal));
        Assert.Equal(problem, ObligationVote.Read(body).Problem);
    }
}
