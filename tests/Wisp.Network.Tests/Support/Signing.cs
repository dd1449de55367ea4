using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Network.Registry;

namespace Wisp.Network.Tests.Support;

/// <summary>Signs in-memory histories the way the registry authority does, for file tests.</summary>
internal static class Signing
{
    public static RegistrySnapshot Snapshot(RegistryLedger ledger, Ed25519KeyPair registryKey) =>
        ledger.ToSnapshot(registryKey.PublicKey, HeadSignature(registryKey, ledger.Version, ledger.Hash));

    public static byte[] HeadSignature(Ed25519KeyPair registryKey, long version, RegistryHash hash) =>
        Ed25519.Sign(registryKey, RegistryEncoding.EncodeSignedHead(registryKey.PublicKey, version, hash));

    /// <summary>A correctly signed file around arbitrary entries (valid or not), to test the checks after the signature.</summary>
    public static byte[] File(Ed25519KeyPair registryKey, IReadOnlyList<RegistryVersion> entries)
    {
        var head = entries.Count == 0 ? RegistryHash.Zero : entries[^1].Hash;
        return RegistryJson.Write(registryKey.PublicKey, entries, HeadSignature(registryKey, entries.Count, head));
    }
}
