using System.Diagnostics.CodeAnalysis;

namespace Wisp.Network.Registry;

/// <summary>Either a value or the <see cref="RegistryError"/> that prevented it: expected failures are results, not exceptions.</summary>
/// <typeparam name="T">The value on success.</typeparam>
public readonly struct RegistryResult<T> where T : class
{
    private RegistryResult(T? value, RegistryError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value, when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>The error, when not <see cref="IsSuccess"/>.</summary>
    public RegistryError? Error { get; }

    /// <summary>True when there is a value.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Value is not null;

    /// <summary>A success.</summary>
    public static RegistryResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>A failure.</summary>
    public static RegistryResult<T> Failure(RegistryError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    public static implicit operator RegistryResult<T>(RegistryError error) => Failure(error);

    public static implicit operator RegistryResult<T>(T value) => Success(value);

    /// <summary>The value, or an <see cref="InvalidOperationException"/> carrying the error's message (for callers that treat failure as fatal).</summary>
    public T GetValueOrThrow() => IsSuccess ? Value : throw new InvalidOperationException(Error.Message);

    public override string ToString() => IsSuccess ? $"Success({Value})" : $"Failure({Error})";
}
