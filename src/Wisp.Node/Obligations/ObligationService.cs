using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;
using Wisp.Node.NodeLinks;
using Wisp.Protocol.Peering;

namespace Wisp.Node.Obligations;

/// <summary>
/// A node's part in obligations voting. Each new round it reads the round's quorum from the ledger; when it holds a
/// seat it tests the round's sample (<see cref="ObligationSample"/>, <see cref="ObligationChecks"/>), signs a vote for
/// each node whose finding calls for one (<see cref="ObligationVerdict"/>) and sends the signature to every other
/// member (<see cref="ObligationVote"/>). Each member keeps the valid signatures it receives (<see cref="VoteTally"/>);
/// whichever member first holds the threshold submits the vote with them, and the registry applies it once (later
/// submissions of the same vote are refused by the registry, which is harmless).
/// </summary>
public sealed partial class ObligationService(
    IObligationLedger ledger, ObligationChecks checks, VoteTally tally, PeerClient client, Func<RegistrySnapshot> registry,
    Ed25519PublicKey self, TimeProvider time, TimeSpan pollInterval, ILogger<ObligationService> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<(long, VoteAction, string), byte> _submitted = new();
    private readonly ConcurrentQueue<ObligationEvent> _events = new();
    private long _lastRound = -1;
    private CancellationToken _stopping;

    /// <summary>The newest events of this node's voting (findings, votes sent, submissions), oldest first.</summary>
    public IReadOnlyList<ObligationEvent> Events => _events.ToArray();

    /// <summary>The last round this node has processed, or -1.</summary>
    public long LastRound => Interlocked.Read(ref _lastRound);

    /// <summary>Processes the current round if it is new: tests and votes when this node sits on its quorum. Returns its findings.</summary>
    public async Task<IReadOnlyList<ObligationFinding>> RunRoundAsync(CancellationToken cancellationToken)
    {
        var round = await ledger.RoundAsync(null, cancellationToken).ConfigureAwait(false);
        if (round is null || round.Number <= LastRound)
            return [];
        Interlocked.Exchange(ref _lastRound, round.Number);
        var seat = round.SeatOf(self);
        if (seat < 0)
            return [];

        var targets = ObligationSample.Targets(round, self);
        var results = new ObligationFinding[targets.Count];
        await Parallel.ForAsync(0, targets.Count,
            new ParallelOptions { MaxDegreeOfParallelism = ObligationLimits.ParallelTests, CancellationToken = cancellationToken },
            async (i, ct) => results[i] = await checks.TestAsync(targets[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        foreach (var finding in results)
        {
            var action = ObligationVerdict.Decide(finding.Node, finding.Passed, round.Number, round.DeregisterAfterRounds);
            Record(new ObligationEvent(time.GetUtcNow(), round.Number, finding.Node.Key.ToHex(), action, finding.Passed ? "passed" : $"failed: {finding.Reason}"));
            if (action is { } vote)
                await VoteAsync(round, new VoteSubject(round.Number, vote, finding.Node.Key), cancellationToken).ConfigureAwait(false);
        }
        return results;
    }

    /// <summary>Takes a member's signed vote (from the peer route): counts it and, at the threshold, submits.</summary>
    public async Task<TallyOutcome> ReceiveAsync(Ed25519PublicKey from, ObligationVote vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(vote);
        var round = await ledger.RoundAsync(vote.Round, cancellationToken).ConfigureAwait(false);
        if (round is null)
            return TallyOutcome.Refused($"round {vote.Round} cannot be voted on");
        var subject = new VoteSubject(vote.Round, VoteActions.Parse(vote.Action), Ed25519PublicKey.FromHex(vote.Node));
        var outcome = tally.Add(round, subject, from, Convert.FromHexString(vote.Signature.AsSpan(2)));
        if (outcome.Accepted && outcome.Count >= round.Threshold)
            // Submitting waits for a transaction; the sender should not.
            _ = Task.Run(() => SubmitAsync(round, subject, _stopping), CancellationToken.None);
        return outcome;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _stopping = stoppingToken;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunRoundAsync(stoppingToken).ConfigureAwait(false);
                await Task.Delay(pollInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogError(logger, exception);
                await Task.Delay(pollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task VoteAsync(ObligationRound round, VoteSubject subject, CancellationToken cancellationToken)
    {
        var signature = ledger.Sign(subject);
        var own = tally.Add(round, subject, self, signature);
        if (!own.Accepted)
        {
            LogOwnVoteRefused(logger, subject.Node.ToHex(), own.Refusal!);
            return;
        }
        var body = new ObligationVote(subject.Round, VoteActions.Name(subject.Action), subject.Node.ToHex(),
            "0x" + Convert.ToHexStringLower(signature)).ToJson();
        var snapshot = registry();
        await Parallel.ForEachAsync(round.Quorum.Where(m => !m.Key.Equals(self)), cancellationToken, async (member, ct) =>
        {
            if (snapshot.FindNode(member.Key) is not { } record)
                return;
            var answer = await client.CallAsync(record, ObligationVote.Route, body, ObligationVoteAnswer.Read, ObligationLimits.VoteSendTimeout, ct)
                .ConfigureAwait(false);
            if (!answer.Ok)
                LogSendFailed(logger, member.Key.ToHex(), answer.Problem!);
        }).ConfigureAwait(false);
        if (tally.Signatures(subject).Count >= round.Threshold)
            await SubmitAsync(round, subject, cancellationToken).ConfigureAwait(false);
    }

    private async Task SubmitAsync(ObligationRound round, VoteSubject subject, CancellationToken cancellationToken)
    {
        var key = (subject.Round, subject.Action, subject.Node.ToHex());
        if (!_submitted.TryAdd(key, 0))
            return;
        try
        {
            var result = await ledger.SubmitAsync(subject, tally.Signatures(subject), cancellationToken).ConfigureAwait(false);
            Record(new ObligationEvent(time.GetUtcNow(), round.Number, key.Item3, subject.Action,
                result.Applied ? $"submitted: {result.Detail}" : $"not applied: {result.Detail}"));
            LogSubmitted(logger, subject.Action, key.Item3, round.Number, result.Applied, result.Detail);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Let a later signature (or this node's own next attempt) try again.
            _submitted.TryRemove(key, out _);
            LogSubmitFailed(logger, exception, subject.Action, key.Item3);
        }
    }

    private void Record(ObligationEvent entry)
    {
        _events.Enqueue(entry);
        while (_events.Count > ObligationLimits.MaxTargetsPerRound * 2 && _events.TryDequeue(out _))
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Obligations: this node's own vote on {Node} was refused: {Reason}")]
    private static partial void LogOwnVoteRefused(ILogger logger, string node, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Obligations: sending a vote to {Member} failed: {Problem}")]
    private static partial void LogSendFailed(ILogger logger, string member, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Obligations: {Action} of {Node} in round {Round} submitted (applied: {Applied}, {Detail})")]
    private static partial void LogSubmitted(ILogger logger, VoteAction action, string node, long round, bool applied, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Obligations: submitting the {Action} of {Node} failed")]
    private static partial void LogSubmitFailed(ILogger logger, Exception exception, VoteAction action, string node);

    [LoggerMessage(Level = LogLevel.Error, Message = "Obligations: a round failed unexpectedly; the next poll tries again")]
    private static partial void LogError(ILogger logger, Exception exception);
}

/// <summary>One step of a node's voting, for status: when, the round, which node, the vote (if any) and what happened.</summary>
public sealed record ObligationEvent(DateTimeOffset Time, long Round, string Node, VoteAction? Action, string What);
