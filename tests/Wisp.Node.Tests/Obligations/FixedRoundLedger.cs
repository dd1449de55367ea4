using System.Numerics;
using Wisp.Chain.Keys;
using Wisp.Chain.Votes;
using Wisp.Crypto.Keys;
using Wisp.Node.Obligations;

namespace Wisp.Node.Tests.Obligations;

/// <summary>
/// A ledger of one fixed round whose members sign with real secp256k1 vote keys and the registry's digest (for a
/// fixed chain id and address); submissions are recorded, not sent. Stands in for the chain in tests of the tally.
/// </summary>
internal sealed class FixedRoundLedger : IObligationLedger
{
    private const string Registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static readonly BigInteger ChainId = 31337;

    public FixedRoundLedger(int members, int others, long number = 7)
    {
        Keys = Enumerable.Range(0, members + others).Select(_ => Ed25519KeyPair.Generate().PublicKey).ToList();
        VoteKeys = Keys.Select(_ => EthereumKey.Generate()).ToList();
        var quorum = Keys.Take(members).Select((k, i) => new QuorumMember(k, VoteKeys[i].Address)).ToList();
        Round = new ObligationRound(number, new byte[32], quorum, QuorumDraw.Required(members), 3,
            Keys.Select(k => new LedgerNode(k, NodeStanding.Active, 0)).ToList());
    }

    public IReadOnlyList<Ed25519PublicKey> Keys { get; }

    public IReadOnlyList<EthereumKey> VoteKeys { get; }

    public ObligationRound Round { get; }

    public List<(VoteSubject Subject, IReadOnlyList<QuorumSignature> Signatures)> Submitted { get; } = [];

    public Ed25519PublicKey Self { get; set; } = null!;

    public byte[] SignAs(int index, VoteSubject subject) => VoteSignature.Sign(VoteKeys[index], Digest(subject));

    public Task<ObligationRound?> RoundAsync(long? number, CancellationToken cancellationToken) =>
        Task.FromResult(number is null || number == Round.Number ? Round : null);

    public byte[] Sign(VoteSubject subject) => SignAs(Keys.ToList().IndexOf(Self), subject);

    public bool IsSignedBy(VoteSubject subject, ReadOnlySpan<byte> signature, string voter) =>
        string.Equals(VoteSignature.Signer(Digest(subject), signature), voter, StringComparison.OrdinalIgnoreCase);

    public Task<VoteSubmission> SubmitAsync(VoteSubject subject, IReadOnlyList<QuorumSignature> signatures, CancellationToken cancellationToken)
    {
        lock (Submitted) Submitted.Add((subject, signatures));
        return Task.FromResult(new VoteSubmission(true, "recorded"));
    }

    private static byte[] Digest(VoteSubject subject) => VoteDigest.Of(ChainId, Registry, (byte)subject.Action, subject.Node.Span, (ulong)subject.Round);
}
