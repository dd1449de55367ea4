using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Protocol.History;

/// <summary>
/// A log's length and tree hash, signed by the log's key: whoever holds it knows exactly which blocks the log had at
/// that length. Two heads of one log that disagree on a prefix are a fork, which an honest device never makes.
/// </summary>
/// <remarks>
/// Signed bytes (112), Hypercore's tree signable without the fork id (Wisp logs are never truncated):
/// <c>TreeNamespace (32) ‖ log id (32) ‖ tree hash (32) ‖ u64LE length ‖ u64LE 0</c>. On the wire the head is
/// <c>u64LE length ‖ tree hash (32) ‖ signature (64)</c>; the log id comes from the context.
/// </remarks>
public sealed record SignedTreeHead(byte[] LogId, ulong Length, byte[] TreeHash, byte[] Signature)
{
    /// <summary>Bytes of a head on the wire.</summary>
    public const int WireBytes = 8 + 32 + 64;

    /// <summary>The bytes the log key signs.</summary>
    public static byte[] Signable(ReadOnlySpan<byte> logId, ReadOnlySpan<byte> treeHash, ulong length)
    {
        var writer = new HistoryWriter().Fixed(TreeHashes.TreeNamespace).Fixed(logId).Fixed(treeHash).U64(length).U64(0);
        return writer.ToArray();
    }

    /// <summary>Signs the head of a log at <paramref name="length"/> with tree hash <paramref name="treeHash"/>.</summary>
    public static SignedTreeHead Sign(Ed25519KeyPair logKey, byte[] logId, ulong length, byte[] treeHash) =>
        new(logId, length, treeHash, Ed25519.Sign(logKey, Signable(logId, treeHash, length)));

    /// <summary>Whether <paramref name="logKey"/> signed this head.</summary>
    public bool Verify(Ed25519PublicKey logKey) =>
        TreeHash.Length == TreeHashes.HashBytes && Signature.Length == 64
        && Ed25519.Verify(logKey, Signable(LogId, TreeHash, Length), Signature);

    internal void Write(HistoryWriter writer) => writer.U64(Length).Fixed(TreeHash).Fixed(Signature);

    internal static SignedTreeHead Read(ref HistoryReader reader, byte[] logId)
    {
        var length = reader.U64();
        if (length > HistoryLimits.MaxLength)
            throw new HistoryFormatException($"a log head of length {length}; at most {HistoryLimits.MaxLength} is allowed.");
        return new SignedTreeHead(logId, length, reader.Fixed(32), reader.Fixed(64));
    }
}
