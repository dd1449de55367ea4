using System.Buffers.Binary;
using Wisp.Crypto.Hashing;
using Wisp.Network.Registry;

namespace Wisp.Network.Swarms;

/// <summary>
/// The deterministic generator behind swarm assignment, seeded by a registry version's hash so every party draws the
/// same numbers. (Session seeds <c>mt19937_64</c> with a block hash; Wisp uses BLAKE2b, which it already has.)
/// </summary>
/// <remarks>
/// <para>Specification (every implementation must match it bit for bit):</para>
/// <list type="number">
/// <item>State: the 32-byte seed <c>S</c> and a block counter <c>c</c>, starting at 0.</item>
/// <item>Block <c>c</c> = BLAKE2b-512(S ‖ LE64(c)): unkeyed BLAKE2b with a 64-byte output over the 40 input bytes,
/// the counter little-endian. It yields eight words <c>w0…w7</c>, <c>wj</c> = the little-endian u64 at bytes
/// 8j…8j+7. Words are used in order w0, w1, …, w7, then block c + 1 begins.</item>
/// <item><c>NextU64()</c> returns the next word.</item>
/// <item><c>NextBelow(n)</c> for n ≥ 1, an unbiased draw in [0, n): let <c>t = 2^64 mod n</c> (computed as
/// <c>(0 - n) mod n</c> in u64 arithmetic); draw words until one, <c>x</c>, has <c>x ≥ t</c>; return <c>x mod n</c>.
/// It always draws at least one word, even for n = 1.</item>
/// </list>
/// </remarks>
public sealed class SwarmRandom
{
    private const int WordsPerBlock = 8;
    private readonly byte[] _input = new byte[RegistryHash.Bytes + sizeof(ulong)];
    private readonly byte[] _block = new byte[WordsPerBlock * sizeof(ulong)];
    private ulong _counter;
    private int _nextWord = WordsPerBlock;

    /// <summary>A generator seeded by <paramref name="seed"/>.</summary>
    public SwarmRandom(RegistryHash seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
        seed.Span.CopyTo(_input);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextU64()
    {
        if (_nextWord == WordsPerBlock)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(_input.AsSpan(RegistryHash.Bytes), _counter);
            Blake2b.Hash(_input, _block);
            _counter++;
            _nextWord = 0;
        }
        var word = BinaryPrimitives.ReadUInt64LittleEndian(_block.AsSpan(_nextWord * sizeof(ulong)));
        _nextWord++;
        return word;
    }

    /// <summary>A uniform draw from [0, <paramref name="bound"/>), without modulo bias.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is 0.</exception>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var threshold = unchecked(0UL - bound) % bound;
        ulong x;
        do
        {
            x = NextU64();
        } while (x < threshold);
        return x % bound;
    }

    /// <summary><see cref="NextBelow(ulong)"/> for a collection index.</summary>
    public int NextIndex(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return (int)NextBelow((ulong)count);
    }
}
