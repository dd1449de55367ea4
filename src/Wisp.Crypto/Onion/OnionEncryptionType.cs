using System.Diagnostics.CodeAnalysis;

namespace Wisp.Crypto.Onion;

/// <summary>The AEAD an onion layer is encrypted with, named in the layer's JSON as <c>"enc_type"</c>.</summary>
public enum OnionEncryptionType
{
    /// <summary><c>"aes-gcm"</c>: AES-256-GCM, key HMAC-SHA-256(key "LOKI", X25519 secret). The default when the field is absent.</summary>
    AesGcm,

    /// <summary><c>"xchacha20"</c>: XChaCha20-Poly1305, key BLAKE2b-32(X25519 secret ‖ client key ‖ node key).</summary>
    XChaCha20,
}

/// <summary>The JSON names of <see cref="OnionEncryptionType"/>.</summary>
public static class OnionEncryptionTypeNames
{
    /// <summary>The JSON name of <see cref="OnionEncryptionType.AesGcm"/>.</summary>
    public const string AesGcm = "aes-gcm";

    /// <summary>The JSON name of <see cref="OnionEncryptionType.XChaCha20"/>.</summary>
    public const string XChaCha20 = "xchacha20";

    /// <summary>The JSON name of <paramref name="type"/>.</summary>
    public static string ToJsonName(this OnionEncryptionType type) => type switch
    {
        OnionEncryptionType.AesGcm => AesGcm,
        OnionEncryptionType.XChaCha20 => XChaCha20,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an onion encryption type."),
    };

    /// <summary>
    /// Parses an <c>"enc_type"</c> value. Null (the field is absent) means <see cref="OnionEncryptionType.AesGcm"/>, as
    /// Session's nodes assume; any other name than the two known ones is rejected, with <paramref name="error"/> saying so.
    /// </summary>
    public static bool TryParse(string? jsonName, out OnionEncryptionType type, [NotNullWhen(false)] out string? error)
    {
        switch (jsonName)
        {
            case null or AesGcm:
                type = OnionEncryptionType.AesGcm;
                error = null;
                return true;
            case XChaCha20:
                type = OnionEncryptionType.XChaCha20;
                error = null;
                return true;
            default:
                type = default;
                error = $"Unknown enc_type \"{Truncate(jsonName)}\"; expected \"{XChaCha20}\" or \"{AesGcm}\".";
                return false;
        }
    }

    // A peer chooses this string: echo a bounded piece of it.
    private static string Truncate(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
