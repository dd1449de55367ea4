using System.Diagnostics.CodeAnalysis;

namespace Wisp.Client.Account;

/// <summary>Why the vault could not do what was asked.</summary>
public enum VaultErrorKind
{
    /// <summary>No profile of that name exists.</summary>
    ProfileNotFound,

    /// <summary>A profile of that name exists already (the vault never overwrites one).</summary>
    ProfileExists,

    /// <summary>The profile is protected by a passphrase and none was given.</summary>
    PassphraseRequired,

    /// <summary>The passphrase does not unlock the profile.</summary>
    WrongPassphrase,

    /// <summary>The recovery phrase given to restore is not valid.</summary>
    InvalidRecoveryPhrase,

    /// <summary>The profile's files are unreadable, tampered with or inconsistent.</summary>
    Damaged,

    /// <summary>The profile was written by a newer Wisp, in a format this one does not know.</summary>
    NewerFormat,

    /// <summary>The file system refused (permissions, disk full, …).</summary>
    StorageFailed,

    /// <summary>Another process has the profile open.</summary>
    InUse,
}

/// <summary>What went wrong with a profile, in words a person can act on.</summary>
/// <param name="Kind">The kind of failure.</param>
/// <param name="Profile">The profile's name.</param>
/// <param name="Message">A sentence naming the profile and the problem.</param>
public sealed record VaultError(VaultErrorKind Kind, string Profile, string Message)
{
    /// <summary>The message.</summary>
    public override string ToString() => Message;
}

/// <summary>The outcome of a vault operation: a value, or a <see cref="VaultError"/>.</summary>
public sealed class VaultResult<T>
    where T : class
{
    private readonly T? _value;
    private readonly VaultError? _error;

    private VaultResult(T? value, VaultError? error)
    {
        _value = value;
        _error = error;
    }

    /// <summary>A success.</summary>
    public static implicit operator VaultResult<T>(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A failure.</summary>
    public static implicit operator VaultResult<T>(VaultError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>True when there is a value.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => _error is null && _value is not null;

    /// <summary>The value, on success.</summary>
    public T? Value => _value;

    /// <summary>The error, on failure.</summary>
    public VaultError? Error => _error;

    /// <summary>Splits the result for an <c>if</c>.</summary>
    public bool TryGet([NotNullWhen(true)] out T? value, [NotNullWhen(false)] out VaultError? error)
    {
        value = _value;
        error = _error;
        return IsSuccess;
    }
}
