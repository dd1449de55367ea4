using System.Runtime.InteropServices;

namespace Wisp.Crypto.Interop;

/// <summary>The libsodium functions only device groups need.</summary>
internal static unsafe partial class Sodium
{
    /// <summary>XChaCha20 without a MAC: device groups wrap each device's copy of the payload key with it.</summary>
    [LibraryImport(Library)] public static partial int crypto_stream_xchacha20_xor(byte* c, byte* m, ulong mlen, byte* n, byte* k);
}
