using System.Security.Cryptography;
using Wisp.Crypto.Interop;

namespace Wisp.Crypto.Blinding;

/// <summary>
/// The Ed25519 scalar and point operations blinding needs, each one libsodium call. Scalars are 32 bytes mod L,
/// points 32-byte compressed Edwards points. Callers own the buffers and zero the secret ones.
/// </summary>
internal static unsafe class Ed25519Group
{
    public const int ScalarBytes = Sodium.ScalarBytes;
    public const int PointBytes = Sodium.PointBytes;
    public const int WideScalarBytes = Sodium.NonReducedScalarBytes;

    /// <summary>r = wide mod L, of a 64-byte little-endian number.</summary>
    public static void Reduce(ReadOnlySpan<byte> wide, Span<byte> scalar)
    {
        Check(wide, WideScalarBytes, nameof(wide));
        Check(scalar, ScalarBytes, nameof(scalar));
        Sodium.EnsureInitialized();
        // libsodium reads the input through a non-const pointer but does not modify it.
        Span<byte> copy = stackalloc byte[WideScalarBytes];
        wide.CopyTo(copy);
        fixed (byte* r = scalar, s = copy)
        {
            Sodium.crypto_core_ed25519_scalar_reduce(r, s);
        }
        CryptographicOperations.ZeroMemory(copy);
    }

    /// <summary>z = x·y mod L. <paramref name="z"/> may alias an input.</summary>
    public static void Multiply(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, Span<byte> z)
    {
        Check(x, ScalarBytes, nameof(x));
        Check(y, ScalarBytes, nameof(y));
        Check(z, ScalarBytes, nameof(z));
        Sodium.EnsureInitialized();
        fixed (byte* zp = z, xp = x, yp = y)
        {
            Sodium.crypto_core_ed25519_scalar_mul(zp, xp, yp);
        }
    }

    /// <summary>z = x + y mod L. <paramref name="z"/> may alias an input.</summary>
    public static void Add(ReadOnlySpan<byte> x, ReadOnlySpan<byte> y, Span<byte> z)
    {
        Check(x, ScalarBytes, nameof(x));
        Check(y, ScalarBytes, nameof(y));
        Check(z, ScalarBytes, nameof(z));
        Sodium.EnsureInitialized();
        fixed (byte* zp = z, xp = x, yp = y)
        {
            Sodium.crypto_core_ed25519_scalar_add(zp, xp, yp);
        }
    }

    /// <summary>negated = −s mod L.</summary>
    public static void Negate(ReadOnlySpan<byte> s, Span<byte> negated)
    {
        Check(s, ScalarBytes, nameof(s));
        Check(negated, ScalarBytes, nameof(negated));
        Sodium.EnsureInitialized();
        fixed (byte* n = negated, sp = s)
        {
            Sodium.crypto_core_ed25519_scalar_negate(n, sp);
        }
    }

    /// <summary>q = n·B, without clamping n.</summary>
    public static void MultiplyBase(ReadOnlySpan<byte> n, Span<byte> q)
    {
        Check(n, ScalarBytes, nameof(n));
        Check(q, PointBytes, nameof(q));
        Sodium.EnsureInitialized();
        fixed (byte* qp = q, np = n)
        {
            if (Sodium.crypto_scalarmult_ed25519_base_noclamp(qp, np) != 0)
                throw new CryptographicException("The scalar is zero.");
        }
    }

    /// <summary>
    /// q = n·p, without clamping n. False when p is not a canonical point of the prime-order subgroup
    /// or the result is the identity: p came from outside, so this is an expected outcome.
    /// </summary>
    public static bool TryMultiply(ReadOnlySpan<byte> n, ReadOnlySpan<byte> p, Span<byte> q)
    {
        Check(n, ScalarBytes, nameof(n));
        Check(p, PointBytes, nameof(p));
        Check(q, PointBytes, nameof(q));
        Sodium.EnsureInitialized();
        fixed (byte* qp = q, np = n, pp = p)
        {
            return Sodium.crypto_scalarmult_ed25519_noclamp(qp, np, pp) == 0;
        }
    }

    private static void Check(ReadOnlySpan<byte> value, int length, string name)
    {
        if (value.Length != length)
            throw new ArgumentException($"Expected {length} bytes; got {value.Length}.", name);
    }
}
