namespace Wisp.Protocol.Onion;

/// <summary>The AEAD that protects one onion layer (the JSON <c>enc_type</c>).</summary>
public enum OnionEncryption
{
    /// <summary><c>"aes-gcm"</c>: Session's default when <c>enc_type</c> is absent.</summary>
    AesGcm,
    /// <summary><c>"xchacha20"</c>: XChaCha20-Poly1305, libsession's default.</summary>
    XChaCha20,
}

/// <summary>The names <see cref="OnionEncryption"/> goes by on the wire.</summary>
public static class OnionEncryptionNames
{
    /// <summary>The canonical name written into control objects.</summary>
    public static string ToWireName(this OnionEncryption encryption) => encryption switch
    {
        OnionEncryption.AesGcm => "aes-gcm",
        OnionEncryption.XChaCha20 => "xchacha20",
        _ => throw new ArgumentOutOfRangeException(nameof(encryption), encryption, "Unknown onion encryption."),
    };

    /// <summary>
    /// Reads an <c>enc_type</c>. Accepts Session's names and the aliases its servers accept
    /// (<c>"gcm"</c>, <c>"xchacha20-poly1305"</c>); an absent value means AES-GCM.
    /// </summary>
    public static bool TryParse(string? name, out OnionEncryption encryption)
    {
        switch (name)
        {
            case null or "aes-gcm" or "gcm":
                encryption = OnionEncryption.AesGcm;
                return true;
            case "xchacha20" or "xchacha20-poly1305":
                encryption = OnionEncryption.XChaCha20;
                return true;
            default:
                encryption = default;
                return false;
        }
    }
}
