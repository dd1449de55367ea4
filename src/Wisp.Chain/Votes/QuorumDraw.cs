using System.Numerics;
using Nethereum.ABI;

namespace Wisp.Chain.Votes;

/// <summary>
/// The registry's quorum draw, computed off chain: over the active list as it stood at the round's start, the whole
/// list when it has at most <see cref="Size"/> entries; otherwise for j = 0..9 the index
/// <c>uint256(keccak256(abi.encode(seed, uint256(j)))) % n</c>, moved forward (mod n) past indices already chosen.
/// <see cref="Required"/> is the registry's threshold, 7 of 10 scaled: ceil(7q / 10).
/// </summary>
public static class QuorumDraw
{
    /// <summary>Seats in a quorum (the contract's <c>QUORUM_SIZE</c>; Session's <c>STATE_CHANGE_QUORUM_SIZE</c>).</summary>
    public const int Size = 10;

    /// <summary>Signatures of a full quorum a vote needs (the contract's <c>QUORUM_THRESHOLD</c>; Session's <c>STATE_CHANGE_MIN_VOTES_TO_CHANGE_STATE</c>).</summary>
    public const int Threshold = 7;

    /// <summary>The members drawn from <paramref name="active"/> (32-byte keys in contract order) with <paramref name="seed"/>.</summary>
    public static IReadOnlyList<byte[]> Members(IReadOnlyList<byte[]> active, ReadOnlySpan<byte> seed)
    {
        ArgumentNullException.ThrowIfNull(active);
        if (seed.Length != 32)
            throw new ArgumentException($"A round's seed is a 32-byte block hash; got {seed.Length} bytes.", nameof(seed));
        var n = active.Count;
        if (n <= Size)
            return active.ToList();
        var encoder = new ABIEncode();
        var seedBytes = seed.ToArray();
        var chosen = new List<int>(Size);
        for (var j = 0; j < Size; j++)
        {
            var hash = encoder.GetSha3ABIEncoded(new ABIValue("bytes32", seedBytes), new ABIValue("uint256", new BigInteger(j)));
            var i = (int)(new BigInteger(hash, isUnsigned: true, isBigEndian: true) % n);
            while (chosen.Contains(i))
                i = (i + 1) % n;
            chosen.Add(i);
        }
        return chosen.Select(i => active[i]).ToList();
    }

    /// <summary>The signatures a quorum of <paramref name="members"/> needs: (7q + 9) / 10.</summary>
    public static int Required(int members) => (Threshold * members + Size - 1) / Size;
}
