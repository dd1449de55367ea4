namespace Wisp.Protocol.Onion;

/// <summary>Why bytes are not an onion layer.</summary>
public enum OnionFrameError
{
    /// <summary>Parsed.</summary>
    None,
    /// <summary>More than <see cref="OnionLimits.MaxRequestBytes"/>.</summary>
    TooLarge,
    /// <summary>Fewer than the 4 bytes of the length prefix.</summary>
    MissingLength,
    /// <summary>The declared ciphertext length runs past the end of the layer.</summary>
    LengthBeyondEnd,
    /// <summary>Nothing follows the ciphertext.</summary>
    MissingJson,
}

/// <summary>The outcome of <see cref="OnionFrame.Parse"/>.</summary>
public readonly record struct OnionFrameResult(OnionFrame Frame, OnionFrameError Error)
{
    /// <summary>True when <see cref="Frame"/> holds the parsed layer.</summary>
    public bool Ok => Error == OnionFrameError.None;

    /// <summary>A sentence saying what was wrong, fit for a 400 response.</summary>
    public string Describe() => Error switch
    {
        OnionFrameError.None => "parsed",
        OnionFrameError.TooLarge => $"onion request larger than {OnionLimits.MaxRequestBytes} bytes",
        OnionFrameError.MissingLength => "onion request shorter than its 4-byte length prefix",
        OnionFrameError.LengthBeyondEnd => "onion request ciphertext length runs past the end of the request",
        OnionFrameError.MissingJson => "onion request has no JSON after its ciphertext",
        _ => "unknown error",
    };
}
