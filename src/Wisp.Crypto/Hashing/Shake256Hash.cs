using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Hashing;

/// <summary>
/// SHAKE256 (FIPS 202 extendable-output function) through libsodium 1.0.22's crypto_xof_shake256, squeezing any
/// number of bytes. (libsodium has it, so BouncyCastle's ShakeDigest serves only as the tests' cross-check.)
/// </summary>
public static unsafe class Shake256Hash
{
    /// <summary>Absorbs <paramref name="input"/> and squeezes exactly <paramref name="output"/>.Length bytes.</summary>
    public static void Hash(ReadOnlySpan<byte> input, Span<byte> output)
    {
        Sodium.EnsureInitialized();
        fixed (byte* o = output, i = input)
        {
            if (Sodium.crypto_xof_shake256(o, (nuint)output.Length, i, (ulong)input.Length) != 0)
                throw new InvalidOperationException("crypto_xof_shake256 failed.");
        }
    }

    /// <summary>Returns <paramref name="outputLength"/> bytes of SHAKE256 of <paramref name="input"/>.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> input, int outputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(outputLength);
        var output = new byte[outputLength];
        Hash(input, output);
        return output;
    }

    /// <summary>Starts an incremental SHAKE256: absorb with Update, then Squeeze as often as needed.</summary>
    public static Shake256Xof Create() => new();
}

/// <summary>
/// An incremental SHAKE256. Once squeezing starts no more input is accepted; successive squeezes continue the one
/// output stream (so squeezing 32 then 24 bytes equals the first 56 bytes of one squeeze). The state is pinned and
/// wiped by <see cref="Dispose"/>.
/// </summary>
public sealed unsafe class Shake256Xof : IDisposable
{
    private readonly byte[] _state;
    private bool _squeezing;
    private bool _disposed;

    internal Shake256Xof()
    {
        Sodium.EnsureInitialized();
        _state = GC.AllocateArray<byte>((int)Sodium.crypto_xof_shake256_statebytes() + 64, pinned: true);
        if (Sodium.crypto_xof_shake256_init(State) != 0)
            throw new InvalidOperationException("crypto_xof_shake256_init failed.");
    }

    private byte* State
    {
        get
        {
            var p = (byte*)System.Runtime.CompilerServices.Unsafe.AsPointer(ref _state[0]);
            return (byte*)(((nint)p + 63) & ~(nint)63);
        }
    }

    /// <summary>Absorbs more input; not allowed after the first squeeze.</summary>
    public void Update(ReadOnlySpan<byte> input)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_squeezing)
            throw new InvalidOperationException("SHAKE256 cannot absorb after squeezing has started.");
        fixed (byte* i = input)
        {
            Sodium.crypto_xof_shake256_update(State, i, (ulong)input.Length);
        }
    }

    /// <summary>Squeezes the next <paramref name="output"/>.Length bytes of the output stream.</summary>
    public void Squeeze(Span<byte> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _squeezing = true;
        fixed (byte* o = output)
        {
            Sodium.crypto_xof_shake256_squeeze(State, o, (nuint)output.Length);
        }
    }

    /// <summary>Wipes the state.</summary>
    public void Dispose()
    {
        Array.Clear(_state);
        _disposed = true;
    }
}
