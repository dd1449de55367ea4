namespace Wisp.Protocol.Bencode;

/// <summary>Why bytes are not a v4 onion request or response.</summary>
public enum OnionV4Error
{
    /// <summary>Decoded.</summary>
    None,
    /// <summary>Larger than <see cref="Onion.OnionLimits.MaxRequestBytes"/>.</summary>
    TooLarge,
    /// <summary>Not valid bencode (the detail says where).</summary>
    NotBencode,
    /// <summary>Bencode, but not a list.</summary>
    NotAList,
    /// <summary>A list of other than one or two parts.</summary>
    WrongPartCount,
    /// <summary>A part that is not a byte string.</summary>
    PartNotString,
    /// <summary>The metadata is not a JSON object of the expected shape.</summary>
    InvalidMetadata,
    /// <summary>The request has no method.</summary>
    MissingMethod,
    /// <summary>The request has no endpoint, or one that does not start with <c>/</c>.</summary>
    InvalidEndpoint,
    /// <summary>A POST or PUT request without a body.</summary>
    BodyRequired,
    /// <summary>The response has no status code, or one outside 100–599.</summary>
    InvalidCode,
}

/// <summary>The outcome of a v4 decode: a value, or an error with a sentence for the caller.</summary>
public readonly record struct OnionV4Result<T>(T? Value, OnionV4Error Error, string? Detail) where T : class
{
    /// <summary>True when <see cref="Value"/> is set.</summary>
    public bool Ok => Error == OnionV4Error.None;
}
