using Wisp.Crypto.Keys;

namespace Wisp.Network.Registry;

/// <summary>A registry file as parsed, before any hash, link, signature or rule is checked.</summary>
internal sealed record RegistryDocument(Ed25519PublicKey RegistryKey, IReadOnlyList<RegistryVersion> Entries, byte[] Signature);
