namespace Wisp.Protocol.Onion;

/// <summary>Why an onion control object was rejected.</summary>
public enum OnionControlError
{
    /// <summary>Accepted.</summary>
    None,
    /// <summary>Not UTF-8 JSON, not an object, too deep, or a value of the wrong JSON type.</summary>
    InvalidJson,
    /// <summary>None of the keys that mark a kind of layer is present.</summary>
    Unrecognized,
    /// <summary>A key the kind needs is absent or empty.</summary>
    MissingField,
    /// <summary>A key is not 64 hex characters.</summary>
    InvalidKey,
    /// <summary><c>enc_type</c> names no known AEAD.</summary>
    UnknownEncryption,
    /// <summary>The port is not 1–65535.</summary>
    InvalidPort,
    /// <summary>The protocol is neither http nor https.</summary>
    UnsupportedProtocol,
    /// <summary><c>hop_no</c> is negative or above <see cref="OnionLimits.MaxHops"/>.</summary>
    TooManyHops,
}

/// <summary>The outcome of reading an onion control object: a value, or an error with a sentence for the caller.</summary>
public readonly record struct OnionControlResult<T>(T? Value, OnionControlError Error, string? Detail) where T : class
{
    /// <summary>True when <see cref="Value"/> is set.</summary>
    public bool Ok => Error == OnionControlError.None;
}
