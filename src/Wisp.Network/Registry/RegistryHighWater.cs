using System.Globalization;
using System.Text;
using System.Text.Json;
using Wisp.Crypto.Keys;

namespace Wisp.Network.Registry;

/// <summary>
/// The highest registry version a follower has accepted, kept in a small file beside its other state
/// (<c>{"registry_key", "version", "hash"}</c>, written atomically), so that a validly signed but older registry file
/// — an old copy put back, or served by someone replaying the authority's past — is refused after a restart too, and
/// a file at or past that version must carry the same entry there. A file for another registry key is ignored (the
/// operator pointed the node at another network).
/// </summary>
internal static class RegistryHighWater
{
    /// <summary>What was read: the version and the hash of its last entry; null when there is no usable record.</summary>
    public static (long Version, RegistryHash Hash)? Read(string path, Ed25519PublicKey registryKey)
    {
        var bytes = AtomicFile.Read(path, 4096);
        if (!bytes.IsSuccess)
            return null;
        try
        {
            using var document = JsonDocument.Parse(bytes.Value);
            var root = document.RootElement;
            if (root.GetProperty("registry_key").GetString() != registryKey.ToHex())
                return null;
            if (!RegistryHash.TryParseHex(root.GetProperty("hash").GetString(), out var hash))
                return null;
            return (root.GetProperty("version").GetInt64(), hash!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // A damaged record is no record: the signed file is still verified in full; only the rollback check is lost.
            return null;
        }
    }

    /// <summary>The reason to refuse <paramref name="ledger"/>, or null when it reaches at least the recorded version with the same entry there.</summary>
    public static RegistryError? Check(RegistryLedger ledger, (long Version, RegistryHash Hash)? recorded)
    {
        if (recorded is not { } mark || mark.Version == 0)
            return null;
        if (ledger.Version < mark.Version)
            return new RegistryError(RegistryErrorKind.RolledBack, string.Create(CultureInfo.InvariantCulture,
                $"the file is at version {ledger.Version}, older than version {mark.Version} ({mark.Hash}) that this node accepted before; a registry never goes back"));
        if (!ledger.History[(int)mark.Version - 1].Hash.Equals(mark.Hash))
            return new RegistryError(RegistryErrorKind.HistoryRewritten, string.Create(CultureInfo.InvariantCulture,
                $"the file's version {mark.Version} is not the one this node accepted before ({mark.Hash}); the registry never rewrites versions"));
        return null;
    }

    /// <summary>Records <paramref name="ledger"/>'s version and head hash, atomically.</summary>
    public static void Write(string path, Ed25519PublicKey registryKey, RegistryLedger ledger)
    {
        var json = string.Create(CultureInfo.InvariantCulture,
            $$"""{"registry_key":"{{registryKey.ToHex()}}","version":{{ledger.Version}},"hash":"{{ledger.Hash.ToHex()}}"}""");
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(json + "\n"));
    }
}
