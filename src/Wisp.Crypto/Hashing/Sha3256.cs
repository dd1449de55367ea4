using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Hashing;

/// <summary>SHA3-256 (FIPS 202) through libsodium's crypto_hash_sha3256: one-shot and incremental.</summary>
public static unsafe class Sha3256
{
    /// <summary>Digest length in bytes.</summary>
    public const int HashBytes = Sodium.Sha3256Bytes;

    /// <summary>Hashes <paramref name="input"/> into <paramref name="output"/> (exactly 32 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> input, Span<byte> output)
    {
        if (output.Length != HashBytes)
            throw new ArgumentException($"A SHA3-256 digest is {HashBytes} bytes; got {output.Length}.", nameof(output));
        Sodium.EnsureInitialized();
        fixed (byte* o = output, i = input)
        {
            if (Sodium.crypto_hash_sha3256(o, i, (ulong)input.Length) != 0)
                throw new InvalidOperationException("crypto_hash_sha3256 failed.");
        }
    }

    /// <summary>Returns the digest of <paramref name="input"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> input)
    {
        var output = new byte[HashBytes];
        Hash(input, output);
        return output;
    }

    /// <summary>Starts an incremental hash, for inputs made of several parts.</summary>
    public static Sha3256Hasher CreateIncremental() => new();
}

/// <summary>An incremental SHA3-256; the state lives in a pinned buffer wiped on completion.</summary>
public sealed unsafe class Sha3256Hasher
{
    private readonly byte[] _state;
    private bool _finished;

    internal Sha3256Hasher()
    {
        Sodium.EnsureInitialized();
        // Over-allocate and align to 64 bytes, as for the BLAKE2b state.
        _state = GC.AllocateArray<byte>((int)Sodium.crypto_hash_sha3256_statebytes() + 64, pinned: true);
        if (Sodium.crypto_hash_sha3256_init(State) != 0)
            throw new InvalidOperationException("crypto_hash_sha3256_init failed.");
    }

    private byte* State
    {
        get
        {
            var p = (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _state[0]);
            return (byte*)(((nint)p + 63) & ~(nint)63);
        }
    }

    /// <summary>Adds bytes to the hash.</summary>
    public void Update(ReadOnlySpan<byte> input)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        fixed (byte* i = input)
        {
            Sodium.crypto_hash_sha3256_update(State, i, (ulong)input.Length);
        }
    }

    /// <summary>Writes the 32-byte digest and wipes the state.</summary>
    public void Finish(Span<byte> output)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (output.Length != Sha3256.HashBytes)
            throw new ArgumentException($"A SHA3-256 digest is {Sha3256.HashBytes} bytes; got {output.Length}.", nameof(output));
        fixed (byte* o = output)
        {
            Sodium.crypto_hash_sha3256_final(State, o);
        }
        _finished = true;
        Array.Clear(_state);
    }

    /// <summary>Returns the digest as a new array.</summary>
    public byte[] Finish()
    {
        var output = new byte[Sha3256.HashBytes];
        Finish(output);
        return output;
    }
}
