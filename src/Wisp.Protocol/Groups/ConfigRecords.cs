namespace Wisp.Protocol.Groups;

/// <summary>A config message as retrieved from the group's swarm: its storage hash and its (encrypted) bytes.</summary>
public sealed record ConfigIncoming(string Hash, ReadOnlyMemory<byte> Data);

/// <summary>
/// What to store in the group's swarm: the config's seqno, the encrypted message, and the storage hashes of the
/// messages it makes obsolete (to delete once the store succeeds).
/// </summary>
public sealed record ConfigPush(long Seqno, byte[] Data, IReadOnlyList<string> ObsoleteHashes);

/// <summary>The outcome of a merge: the storage hashes accepted, and the ones refused with the reason.</summary>
public sealed record ConfigMergeResult(IReadOnlyList<string> AcceptedHashes, IReadOnlyList<ConfigRejection> Rejected);

/// <summary>A retrieved config message that was not used: it did not decrypt, decompress, parse or verify.</summary>
public sealed record ConfigRejection(string Hash, string Reason);

/// <summary>Thrown when an encrypted config would exceed the storage server's 76,800-byte message limit.</summary>
public sealed class ConfigTooLargeException(int size)
    : Exception($"The config message is {size} bytes; the storage limit is {ConfigLimits.MaxMessageBytes}.")
{
    /// <summary>The size the encrypted message would have had.</summary>
    public int Size { get; } = size;
}
