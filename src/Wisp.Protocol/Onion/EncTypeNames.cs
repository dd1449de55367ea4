using Wisp.Crypto.Onion;

namespace Wisp.Protocol.Onion;

/// <summary>Reads <c>enc_type</c> as Session's servers do, including the aliases they accept.</summary>
internal static class EncTypeNames
{
    /// <summary>
    /// Like <see cref="OnionEncryptionTypeNames.TryParse"/>, but also accepts <c>"gcm"</c> and
    /// <c>"xchacha20-poly1305"</c>, which libsession and the community server take as aliases.
    /// </summary>
    public static bool TryParse(string? name, out OnionEncryptionType encryption)
    {
        var canonical = name switch
        {
            "gcm" => OnionEncryptionTypeNames.AesGcm,
            "xchacha20-poly1305" => OnionEncryptionTypeNames.XChaCha20,
            _ => name,
        };
        return OnionEncryptionTypeNames.TryParse(canonical, out encryption, out _);
    }
}
