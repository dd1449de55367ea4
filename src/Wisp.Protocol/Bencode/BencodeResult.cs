namespace Wisp.Protocol.Bencode;

/// <summary>Why bytes are not valid bencode.</summary>
public enum BencodeError
{
    /// <summary>Decoded.</summary>
    None,
    /// <summary>The input ends inside a value.</summary>
    Truncated,
    /// <summary>A byte that starts no value (or, in a dictionary, no key).</summary>
    UnexpectedByte,
    /// <summary>A string length with a leading zero or a non-digit before the colon.</summary>
    InvalidLength,
    /// <summary>A string length that runs past the end of the input.</summary>
    LengthBeyondEnd,
    /// <summary>An integer with no digits, a leading zero, <c>-0</c>, or a non-digit before <c>e</c>.</summary>
    InvalidInteger,
    /// <summary>An integer outside the range of a signed 64-bit number.</summary>
    IntegerOverflow,
    /// <summary>A dictionary key that is not a byte string.</summary>
    KeyNotString,
    /// <summary>Dictionary keys not in ascending byte order.</summary>
    UnsortedKeys,
    /// <summary>The same dictionary key twice.</summary>
    DuplicateKey,
    /// <summary>Lists and dictionaries nested deeper than <see cref="BencodeLimits.MaxDepth"/>.</summary>
    TooDeep,
    /// <summary>More than <see cref="BencodeLimits.MaxValues"/> values.</summary>
    TooManyValues,
    /// <summary>Bytes after the end of the top-level value.</summary>
    TrailingData,
}

/// <summary>The outcome of <see cref="BencodeReader.Decode"/>: a value, or an error and the offset where it was found.</summary>
public readonly record struct BencodeResult(BencodeValue? Value, BencodeError Error, int Offset)
{
    /// <summary>True when <see cref="Value"/> is set.</summary>
    public bool Ok => Error == BencodeError.None;

    /// <summary>A sentence saying what was wrong and where.</summary>
    public string Describe() => Error == BencodeError.None ? "decoded" : $"invalid bencode at byte {Offset}: {Error}";
}
