using Wisp.Crypto.Keys;
using Wisp.Protocol.History;

namespace Wisp.Client.History;

/// <summary>
/// One log as this device holds it: its manifest, the blocks held from 0 (<see cref="Length"/>) with the owner's signed
/// head at that length, and the longest signed head seen (a gap when longer than what is held).
/// </summary>
internal sealed record HistoryLogRow(
    LogManifest Manifest,
    bool Own,
    ulong Length,
    SignedTreeHead? Head,
    SignedTreeHead? Seen,
    string? SeenFrom,
    ulong Imported,
    string? Refused)
{
    /// <summary>The log id.</summary>
    public byte[] LogId => Head?.LogId ?? Manifest.LogId;

    /// <summary>Blocks a signed head promises that this device does not hold.</summary>
    public ulong Gap => Seen is { } seen && seen.Length > Length ? seen.Length - Length : 0;

    /// <summary>The owning account.</summary>
    public AccountId Owner => Manifest.Owner;
}
