using System.Buffers.Binary;
using Wisp.Crypto.Keys;

namespace Wisp.Node.Rpc;

/// <summary>
/// Remembers the X25519 form of the Ed25519 keys that recently signed requests. A 05 account signs with its Ed25519
/// key, and the node checks that key's X25519 form is the account; libsodium's conversion (a point decompression, a
/// subgroup check and an inversion) costs about as much as the signature check itself, and the same clients ask
/// again and again. The conversion is a function of public bytes, so remembering it changes no answer.
/// </summary>
/// <remarks>Direct-mapped and fixed in size (<see cref="Slots"/> entries, well under 1 MB): a key that lands in a taken
/// slot replaces what was there, so crafted keys can only cause misses, never growth.</remarks>
internal static class X25519FormCache
{
    private const int Slots = 4096;

    private static readonly Entry?[] Entries = new Entry?[Slots];

    /// <summary>The X25519 form of <paramref name="key"/> (null when the key is not a valid point), remembered for next time.</summary>
    public static ReadOnlySpan<byte> Of(Ed25519PublicKey key, out bool valid)
    {
        var slot = (int)(BinaryPrimitives.ReadUInt32LittleEndian(key.Span) % Slots);
        if (Volatile.Read(ref Entries[slot]) is { } entry && entry.Ed25519.Equals(key))
        {
            valid = true;
            return entry.X25519.Span;
        }
        if (key.ToX25519() is not { } x25519)
        {
            valid = false;
            return default;
        }
        Volatile.Write(ref Entries[slot], new Entry(key, x25519));
        valid = true;
        return x25519.Span;
    }

    private sealed record Entry(Ed25519PublicKey Ed25519, X25519PublicKey X25519);
}
