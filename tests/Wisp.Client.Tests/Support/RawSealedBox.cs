using System.Runtime.InteropServices;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Tests.Support;

/// <summary>
/// libsodium's sealed box, called directly, so a test can seal an inner plaintext that <c>SessionSealer</c> would never
/// produce (a forged signature). Test support only; the client seals through <c>SessionSealer</c>.
/// </summary>
internal static class RawSealedBox
{
    private const int SealBytes = 48;

    public static byte[] Seal(byte[] inner, X25519PublicKey recipient)
    {
        var output = new byte[inner.Length + SealBytes];
        if (crypto_box_seal(output, inner, (ulong)inner.Length, recipient.Span.ToArray()) != 0)
            throw new InvalidOperationException("crypto_box_seal failed.");
        return output;
    }

#pragma warning disable SYSLIB1054 // A plain DllImport keeps test support free of unsafe code and source generation.
    [DllImport("libsodium")]
    private static extern int crypto_box_seal(byte[] c, byte[] m, ulong mlen, byte[] pk);
#pragma warning restore SYSLIB1054
}
