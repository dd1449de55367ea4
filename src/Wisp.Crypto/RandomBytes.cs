using Wisp.Crypto.Interop;

namespace Wisp.Crypto;

/// <summary>Cryptographically secure random bytes from libsodium.</summary>
public static unsafe class RandomBytes
{
    /// <summary>Fills <paramref name="buffer"/> with random bytes.</summary>
    public static void Fill(Span<byte> buffer)
    {
        Sodium.EnsureInitialized();
        fixed (byte* b = buffer)
        {
            Sodium.randombytes_buf(b, (nuint)buffer.Length);
        }
    }

    /// <summary>Returns <paramref name="count"/> random bytes.</summary>
    public static byte[] Get(int count)
    {
        var bytes = new byte[count];
        Fill(bytes);
        return bytes;
    }
}
