using Wisp.Chain.Registry;
using Wisp.Chain.Votes;
using Wisp.Crypto.Keys;
using Wisp.Node.Obligations;

namespace Wisp.IntegrationTests.Chain;

/// <summary>
/// The C# side of votes against the registry contract on a real Anvil: the same quorum, the same digest, signatures
/// it accepts, and each of its refusals (too few, a non-member, a replay, a stale round).
/// </summary>
public sealed class VoteContractTests
{
    private const ulong RoundLength = 50;

    [Fact]
    public async Task The_quorum_and_digest_the_node_computes_are_the_contracts_and_seven_of_ten_signatures_decommission()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chain = await VotingChain.StartAsync(12, RoundLength, ct);
        var voter = await chain.VoterAsync(chain.Nodes[0], ct);
        await chain.NextRoundAsync(voter, RoundLength, ct);

        var round = await voter.CurrentRoundAsync(ct);
        var quorum = await voter.QuorumAsync(round, ct);
        var drawn = QuorumDraw.Members(await voter.ActiveNodesAsync(ct), await voter.SeedAsync(round, RoundLength, ct));
        Assert.Equal(10, quorum.Members.Count);
        Assert.Equal(quorum.Members.Select(Convert.ToHexString), drawn.Select(Convert.ToHexString));
        Assert.Equal(7, quorum.Required);

        var target = chain.Nodes.First(n => !quorum.Members.Any(m => m.AsSpan().SequenceEqual(n.Keys.PublicKey.Span))).Keys.PublicKey;
        var targetBytes = target.Span.ToArray();
        Assert.Equal(await voter.ContractDigestAsync(1, targetBytes, round, ct), voter.Digest(1, targetBytes, round));

        var signers = new List<VoteClient>();
        foreach (var member in quorum.Members.Take(7))
            signers.Add(await chain.VoterAsync(chain.Of(member), ct));
        var signatures = signers.Select(s => s.Sign(1, targetBytes, round)).ToList();

        var tooFew = await voter.SubmitAsync(1, targetBytes, round, signatures.Take(6).ToList(), ct);
        Assert.Equal(new VoteResult(false, "NotEnoughSignatures"), tooFew);

        var applied = await voter.SubmitAsync(1, targetBytes, round, signatures, ct);
        Assert.True(applied.Applied, applied.Detail);
        Assert.Equal(ChainNodeStatus.Decommissioned, (await chain.Registry.GetNodeAsync(target, ct))!.Status);
        Assert.DoesNotContain(target, await chain.Registry.ActiveNodesAsync(ct));
        Assert.Contains(await voter.DecommissionedAsync(ct), d => d.Key.AsSpan().SequenceEqual(targetBytes) && d.SinceRound == round);

        var replay = await voter.SubmitAsync(1, targetBytes, round, signatures, ct);
        Assert.Equal(new VoteResult(false, "VoteAlreadyUsed"), replay);

        // Still down: deregistered, a quarter of its stake burned.
        var deregister = await voter.SubmitAsync(3, targetBytes, round, signers.Select(s => s.Sign(3, targetBytes, round)).ToList(), ct);
        Assert.True(deregister.Applied, deregister.Detail);
        var after = (await chain.Registry.GetNodeAsync(target, ct))!;
        Assert.Equal(ChainNodeStatus.Deregistered, after.Status);
        Assert.Equal(await chain.Registry.StakeAmountAsync(ct) * 3 / 4, after.Stake);
    }

    [Fact]
    public async Task A_signature_from_outside_the_quorum_or_for_another_round_is_refused_and_the_obligations_ledger_reads_the_round()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var chain = await VotingChain.StartAsync(12, RoundLength, ct);
        var voter = await chain.VoterAsync(chain.Nodes[0], ct);
        await chain.NextRoundAsync(voter, RoundLength, ct);
        var round = await voter.CurrentRoundAsync(ct);
        var quorum = await voter.QuorumAsync(round, ct);
        var outsiders = chain.Nodes.Where(n => !quorum.Members.Any(m => m.AsSpan().SequenceEqual(n.Keys.PublicKey.Span))).ToList();
        var target = outsiders[0].Keys.PublicKey.Span.ToArray();

        var members = new List<VoteClient>();
        foreach (var member in quorum.Members.Take(7))
            members.Add(await chain.VoterAsync(chain.Of(member), ct));
        var outsider = await chain.VoterAsync(outsiders[1], ct);
        var withOutsider = members.Take(6).Select(m => m.Sign(1, target, round)).Append(outsider.Sign(1, target, round)).ToList();
        Assert.Equal(new VoteResult(false, "SignerNotInQuorum"), await voter.SubmitAsync(1, target, round, withOutsider, ct));

        var lastRound = members.Select(m => m.Sign(1, target, round - 1)).ToList();
        Assert.Equal(new VoteResult(false, "StaleRound"), await voter.SubmitAsync(1, target, round - 1, lastRound, ct));

        // The obligations ledger over the same chain: the quorum with each member's vote key, and signatures it checks.
        var ledger = new ChainObligationLedger(voter, deregisterAfterRounds: 3);
        var read = await ledger.RoundAsync(null, ct);
        Assert.NotNull(read);
        Assert.Equal((long)round, read.Number);
        Assert.Equal(quorum.Members.Select(Convert.ToHexStringLower), read.Quorum.Select(m => m.Key.ToHex()));
        Assert.Equal(7, read.Threshold);
        Assert.Null(await ledger.RoundAsync((long)round - 1, ct));
        var subject = new VoteSubject((long)round, VoteAction.Decommission, new Ed25519PublicKey(target));
        var seat = read.SeatOf(chain.Nodes[0].Keys.PublicKey);
        var own = ledger.Sign(subject);
        if (seat >= 0)
            Assert.True(ledger.IsSignedBy(subject, own, read.Quorum[seat].Voter));
        Assert.True(ledger.IsSignedBy(subject, members[0].Sign(1, target, round), read.Quorum[0].Voter));
        Assert.False(ledger.IsSignedBy(subject, members[0].Sign(1, target, round), read.Quorum[1].Voter));
    }
}
