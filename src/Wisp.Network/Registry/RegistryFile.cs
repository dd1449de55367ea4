using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;

namespace Wisp.Network.Registry;

/// <summary>
/// Reads and writes the registry file: a JSON document holding the whole history as a hash chain, signed by the
/// registry key over its head. Loading checks, cheapest first: size, JSON shape, registry key, signature, every
/// entry's number, link and hash, then the rules of each change as it is replayed. Any failure is a
/// <see cref="RegistryError"/> saying what and where.
/// </summary>
public static class RegistryFile
{
    /// <summary>Loads and verifies the registry file at <paramref name="path"/>, trusting only <paramref name="registryKey"/>.</summary>
    public static RegistryResult<RegistrySnapshot> Load(string path, Ed25519PublicKey registryKey)
    {
        ArgumentNullException.ThrowIfNull(path);
        var bytes = AtomicFile.Read(path, RegistryLimits.MaxFileBytes);
        return bytes.IsSuccess ? Parse(bytes.Value, registryKey) : bytes.Error;
    }

    /// <summary>Verifies registry file contents, trusting only <paramref name="registryKey"/>.</summary>
    public static RegistryResult<RegistrySnapshot> Parse(ReadOnlyMemory<byte> json, Ed25519PublicKey registryKey)
    {
        var loaded = Verify(json, registryKey, known: null);
        return loaded.IsSuccess ? loaded.Value.Snapshot : loaded.Error;
    }

    /// <summary>The file contents for <paramref name="snapshot"/>, with its signature.</summary>
    public static byte[] Serialize(RegistrySnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return RegistryJson.Write(snapshot.RegistryKey, snapshot.History, snapshot.Signature);
    }

    /// <summary>Writes <paramref name="snapshot"/> to <paramref name="path"/> atomically (temporary file, flush, rename).</summary>
    public static void Write(string path, RegistrySnapshot snapshot) => AtomicFile.Write(path, Serialize(snapshot));

    /// <summary>
    /// Verifies <paramref name="json"/>. When <paramref name="known"/> is given, the file must extend that history
    /// (otherwise <see cref="RegistryErrorKind.HistoryRewritten"/>), and only the new entries are replayed.
    /// </summary>
    internal static RegistryResult<LoadedRegistry> Verify(ReadOnlyMemory<byte> json, Ed25519PublicKey registryKey, RegistryLedger? known)
    {
        ArgumentNullException.ThrowIfNull(registryKey);
        if (json.Length > RegistryLimits.MaxFileBytes)
            return new RegistryError(RegistryErrorKind.TooLarge, $"the registry file is {json.Length} bytes; at most {RegistryLimits.MaxFileBytes} are allowed");
        var parsed = RegistryJson.Parse(json);
        if (!parsed.IsSuccess)
            return parsed.Error;
        var document = parsed.Value;
        if (!document.RegistryKey.Equals(registryKey))
            return new RegistryError(RegistryErrorKind.WrongRegistryKey, $"the file is signed for registry key {document.RegistryKey}, not the trusted key {registryKey}");

        var entries = document.Entries;
        var headHash = entries.Count == 0 ? RegistryHash.Zero : entries[^1].Hash;
        if (!Ed25519.Verify(registryKey, RegistryEncoding.EncodeSignedHead(registryKey, entries.Count, headHash), document.Signature))
            return new RegistryError(RegistryErrorKind.BadSignature, $"the registry key's signature over version {entries.Count} ({headHash}) does not verify");

        var ledger = new RegistryLedger();
        var start = 0;
        if (known is not null && known.Version > 0)
        {
            var knownCount = (int)known.Version;
            if (CheckExtends(entries, known) is { } rewritten)
                return rewritten;
            ledger = known.Clone();
            start = knownCount;
        }
        for (var i = start; i < entries.Count; i++)
        {
            if (!ledger.TryAppend(entries[i], out var error))
                return error;
        }
        return RegistryResult<LoadedRegistry>.Success(new LoadedRegistry(ledger, ledger.ToSnapshot(registryKey, document.Signature)));
    }

    /// <summary>
    /// Null when the file repeats every known version unchanged. An altered entry is named; a different or shorter
    /// history is <see cref="RegistryErrorKind.HistoryRewritten"/>.
    /// </summary>
    private static RegistryError? CheckExtends(IReadOnlyList<RegistryVersion> entries, RegistryLedger known)
    {
        var rewritten = new RegistryError(RegistryErrorKind.HistoryRewritten,
            $"the file does not extend the accepted history (version {known.Version}, {known.Hash}); the registry never rewrites or drops versions");
        if (entries.Count < known.Version)
            return rewritten;
        for (var i = 0; i < known.History.Count; i++)
        {
            var entry = entries[i];
            var computed = RegistryEncoding.HashEntry(entry.Number, entry.PreviousHash, entry.Time, entry.Change);
            if (!computed.Equals(entry.Hash))
                return RegistryError.InEntry(RegistryErrorKind.HashMismatch, i + 1, $"the stored hash {entry.Hash} is not the hash of its contents ({computed}); the entry was altered");
            if (!entry.Hash.Equals(known.History[i].Hash))
                return rewritten;
        }
        return null;
    }
}

/// <summary>A verified registry: the ledger to continue from, and the snapshot to publish.</summary>
internal sealed record LoadedRegistry(RegistryLedger Ledger, RegistrySnapshot Snapshot);
