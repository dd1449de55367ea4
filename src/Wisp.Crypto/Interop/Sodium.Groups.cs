using System.Runtime.InteropServices;

namespace Wisp.Crypto.Interop;

/// <summary>The libsodium functions only closed groups need.</summary>
internal static unsafe partial class Sodium
{
    public const int RandomSeedBytes = 32;

    /// <summary>Deterministic bytes from a 32-byte seed (ChaCha20); libsession pads keys messages with these.</summary>
    [LibraryImport(Library)] public static partial void randombytes_buf_deterministic(byte* buf, nuint size, byte* seed);
}
