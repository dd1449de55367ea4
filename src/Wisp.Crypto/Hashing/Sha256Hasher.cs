using System.Runtime.CompilerServices;
using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Hashing;

/// <summary>
/// Incremental SHA-256 (libsodium's crypto_hash_sha256 init/update/final): the digest Session puts in an
/// attachment pointer, computed over a file that is read in pieces.
/// </summary>
public sealed unsafe class Sha256Hasher
{
    /// <summary>Digest length in bytes.</summary>
    public const int DigestBytes = Sodium.Sha256Bytes;

    private readonly byte[] _state;
    private bool _finished;

    /// <summary>Starts an empty hash.</summary>
    public Sha256Hasher()
    {
        Sodium.EnsureInitialized();
        _state = GC.AllocateArray<byte>((int)Sodium.crypto_hash_sha256_statebytes() + 16, pinned: true);
        Sodium.crypto_hash_sha256_init(State);
    }

    private byte* State => (byte*)(((nint)Unsafe.AsPointer(ref _state[0]) + 15) & ~(nint)15);

    /// <summary>Adds bytes to the hash.</summary>
    public void Update(ReadOnlySpan<byte> input)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        fixed (byte* i = input)
        {
            Sodium.crypto_hash_sha256_update(State, i, (ulong)input.Length);
        }
    }

    /// <summary>Returns the 32-byte digest; the hasher cannot be used after.</summary>
    public byte[] Finish()
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        var digest = new byte[DigestBytes];
        fixed (byte* o = digest)
        {
            Sodium.crypto_hash_sha256_final(State, o);
        }
        _finished = true;
        return digest;
    }
}
