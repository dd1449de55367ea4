using System.Security.Cryptography;

namespace Wisp.Client.Account;

/// <summary>
/// A passphrase that protects a profile, held in a pinned buffer that <see cref="Dispose"/> zeroes. Never empty
/// (no passphrase at all is a <c>null</c> <see cref="Passphrase"/>). <see cref="ToString"/> never shows it.
/// </summary>
public sealed class Passphrase : IDisposable
{
    /// <summary>The longest passphrase accepted, in characters (it bounds what a passphrase file may make us read).</summary>
    public const int MaxLength = 1024;

    private readonly char[] _chars;
    private bool _disposed;

    private Passphrase(ReadOnlySpan<char> chars)
    {
        _chars = GC.AllocateArray<char>(chars.Length, pinned: true);
        chars.CopyTo(_chars);
    }

    /// <summary>Copies a passphrase; throws <see cref="ArgumentException"/> when it is empty or longer than <see cref="MaxLength"/>.</summary>
    public static Passphrase From(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty)
            throw new ArgumentException("A passphrase cannot be empty; use no passphrase instead.", nameof(chars));
        if (chars.Length > MaxLength)
            throw new ArgumentException($"A passphrase has at most {MaxLength} characters; got {chars.Length}.", nameof(chars));
        return new Passphrase(chars);
    }

    internal ReadOnlySpan<char> Chars
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _chars;
        }
    }

    /// <summary>True when <paramref name="other"/> is the same passphrase (compared in constant time for equal lengths).</summary>
    public bool Matches(Passphrase other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CryptographicOperations.FixedTimeEquals(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(Chars), System.Runtime.InteropServices.MemoryMarshal.AsBytes(other.Chars));
    }

    /// <summary>Zeroes the passphrase.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_chars.AsSpan()));
        _disposed = true;
    }

    /// <summary>Never prints the passphrase.</summary>
    public override string ToString() => "Passphrase(***)";
}
