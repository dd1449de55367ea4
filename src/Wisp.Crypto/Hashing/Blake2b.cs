using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Hashing;

/// <summary>BLAKE2b (libsodium's crypto_generichash): one-shot, keyed, salted/personalized, and incremental.</summary>
public static unsafe class Blake2b
{
    /// <summary>
    /// Smallest output length libsodium accepts. 16 is only libsodium's recommended minimum; Session's protocol v2
    /// takes 2- and 8-byte BLAKE2b outputs (key indicators, rotation jitter), which libsodium computes as asked.
    /// </summary>
    public const int MinOutputBytes = 1;

    /// <summary>Largest output length libsodium accepts.</summary>
    public const int MaxOutputBytes = Sodium.Blake2bMaxBytes;

    /// <summary>Largest key length libsodium accepts.</summary>
    public const int MaxKeyBytes = Sodium.Blake2bMaxKeyBytes;

    /// <summary>Hashes <paramref name="input"/> into <paramref name="output"/> (1–64 bytes), optionally keyed (≤ 64 bytes).</summary>
    public static void Hash(ReadOnlySpan<byte> input, Span<byte> output, ReadOnlySpan<byte> key = default)
    {
        CheckOutput(output.Length);
        CheckKey(key.Length);
        Sodium.EnsureInitialized();
        fixed (byte* o = output, i = input, k = key)
        {
            if (Sodium.crypto_generichash(o, (nuint)output.Length, i, (ulong)input.Length, key.IsEmpty ? null : k, (nuint)key.Length) != 0)
                throw new InvalidOperationException("crypto_generichash failed.");
        }
    }

    /// <summary>Hashes into a new array of <paramref name="outputLength"/> bytes.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> input, int outputLength, ReadOnlySpan<byte> key = default)
    {
        var output = new byte[outputLength];
        Hash(input, output, key);
        return output;
    }

    /// <summary>
    /// BLAKE2b with a 16-byte salt and 16-byte personalization. Shorter salt or personal strings are zero-padded
    /// to 16 bytes, as libsodium callers (Session among them) do.
    /// </summary>
    public static void HashSaltPersonal(
        ReadOnlySpan<byte> input, Span<byte> output, ReadOnlySpan<byte> key, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> personal)
    {
        CheckOutput(output.Length);
        CheckKey(key.Length);
        if (salt.Length > Sodium.Blake2bSaltBytes)
            throw new ArgumentException($"A BLAKE2b salt is at most {Sodium.Blake2bSaltBytes} bytes; got {salt.Length}.", nameof(salt));
        if (personal.Length > Sodium.Blake2bPersonalBytes)
            throw new ArgumentException($"A BLAKE2b personalization is at most {Sodium.Blake2bPersonalBytes} bytes; got {personal.Length}.", nameof(personal));
        Span<byte> salt16 = stackalloc byte[Sodium.Blake2bSaltBytes];
        Span<byte> personal16 = stackalloc byte[Sodium.Blake2bPersonalBytes];
        salt16.Clear();
        personal16.Clear();
        salt.CopyTo(salt16);
        personal.CopyTo(personal16);
        Sodium.EnsureInitialized();
        fixed (byte* o = output, i = input, k = key, s = salt16, p = personal16)
        {
            if (Sodium.crypto_generichash_blake2b_salt_personal(
                    o, (nuint)output.Length, i, (ulong)input.Length, key.IsEmpty ? null : k, (nuint)key.Length, s, p) != 0)
                throw new InvalidOperationException("crypto_generichash_blake2b_salt_personal failed.");
        }
    }

    /// <summary>Starts an incremental hash; feed it with <see cref="Blake2bHasher.Update"/>.</summary>
    public static Blake2bHasher CreateIncremental(int outputLength, ReadOnlySpan<byte> key = default)
    {
        CheckOutput(outputLength);
        CheckKey(key.Length);
        return new Blake2bHasher(outputLength, key);
    }

    internal static void CheckOutput(int length)
    {
        if (length is < MinOutputBytes or > MaxOutputBytes)
            throw new ArgumentException($"A BLAKE2b output is {MinOutputBytes}–{MaxOutputBytes} bytes; got {length}.", "output");
    }

    internal static void CheckKey(int length)
    {
        if (length > MaxKeyBytes)
            throw new ArgumentException($"A BLAKE2b key is at most {MaxKeyBytes} bytes; got {length}.", "key");
    }
}

/// <summary>An incremental BLAKE2b computation; the state lives in a pinned buffer that is wiped on completion.</summary>
public sealed unsafe class Blake2bHasher
{
    private readonly byte[] _state;
    private readonly int _outputLength;
    private bool _finished;

    internal Blake2bHasher(int outputLength, ReadOnlySpan<byte> key)
    {
        Sodium.EnsureInitialized();
        // 64-byte alignment is what libsodium's state expects; over-allocate and align inside.
        _state = GC.AllocateArray<byte>((int)Sodium.crypto_generichash_statebytes() + 64, pinned: true);
        _outputLength = outputLength;
        fixed (byte* k = key)
        {
            if (Sodium.crypto_generichash_init(State, key.IsEmpty ? null : k, (nuint)key.Length, (nuint)outputLength) != 0)
                throw new InvalidOperationException("crypto_generichash_init failed.");
        }
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
            Sodium.crypto_generichash_update(State, i, (ulong)input.Length);
        }
    }

    /// <summary>Writes the digest (exactly the length given at creation) and wipes the state.</summary>
    public void Finish(Span<byte> output)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (output.Length != _outputLength)
            throw new ArgumentException($"Expected a {_outputLength}-byte output; got {output.Length}.", nameof(output));
        fixed (byte* o = output)
        {
            Sodium.crypto_generichash_final(State, o, (nuint)_outputLength);
        }
        _finished = true;
        Array.Clear(_state);
    }

    /// <summary>Returns the digest as a new array.</summary>
    public byte[] Finish()
    {
        var output = new byte[_outputLength];
        Finish(output);
        return output;
    }
}
