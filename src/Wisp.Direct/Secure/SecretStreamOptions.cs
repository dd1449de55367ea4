namespace Wisp.Direct.Secure;

/// <summary>Settings of a <see cref="SecretStream"/>.</summary>
public sealed record SecretStreamOptions
{
    /// <summary>Largest message (plaintext bytes) either side may send; a larger incoming frame ends the stream.</summary>
    public int MaxMessageBytes { get; init; } = Limits.DefaultMaxMessageBytes;

    internal void Validate()
    {
        if (MaxMessageBytes is < 1 or > Limits.MaxMessageBytes)
            throw new ArgumentOutOfRangeException(nameof(MaxMessageBytes), MaxMessageBytes, $"A secret stream message limit is 1–{Limits.MaxMessageBytes} bytes.");
    }
}
