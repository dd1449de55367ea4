namespace Wisp.Crypto.Noise;

/// <summary>The fixed names and sizes of Wisp's Noise protocols: X25519, ChaChaPoly, BLAKE2b.</summary>
public static class NoiseProtocol
{
    /// <summary>The spec's limit on any Noise message, handshake or transport (section 3).</summary>
    public const int MaxMessageBytes = 65535;

    /// <summary>DHLEN for X25519.</summary>
    public const int DhBytes = 32;

    /// <summary>HASHLEN for BLAKE2b: the handshake hash and chaining key are 64 bytes.</summary>
    public const int HashBytes = 64;

    /// <summary>A cipher key (the first 32 bytes of an HKDF output, since HASHLEN is 64).</summary>
    public const int KeyBytes = 32;

    /// <summary>The ChaChaPoly authentication tag.</summary>
    public const int TagBytes = 16;

    /// <summary>Prologue of the IK handshakes that peers run through DHT relays: binds them to Wisp's direct path, version 1.</summary>
    public static ReadOnlySpan<byte> DirectPrologue => "wisp/direct/1"u8;

    /// <summary>Prologue of the XX handshake run over a bare stream (no prior handshake).</summary>
    public static ReadOnlySpan<byte> SecretStreamPrologue => "wisp/secret-stream/1"u8;

    /// <summary>The full protocol name, e.g. <c>Noise_IK_25519_ChaChaPoly_BLAKE2b</c>.</summary>
    public static string Name(NoisePattern pattern) => $"Noise_{pattern}_25519_ChaChaPoly_BLAKE2b";
}
