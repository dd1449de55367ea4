namespace Wisp.Direct.Secure;

/// <summary>Why a secret stream stopped.</summary>
public enum SecretStreamError
{
    /// <summary>The remote's header message is not the one this handshake calls for (wrong session or wrong key).</summary>
    BadHeader,
    /// <summary>A frame did not authenticate: changed, replayed, reordered, dropped or under another key.</summary>
    Forged,
    /// <summary>A frame declared more bytes than this stream accepts.</summary>
    TooLarge,
    /// <summary>The transport ended without the remote closing the stream (possible truncation).</summary>
    Truncated,
    /// <summary>The Noise handshake over the stream failed.</summary>
    HandshakeFailed,
}

/// <summary>A secret stream refused what the remote sent; the stream cannot be used further.</summary>
public sealed class SecretStreamException(SecretStreamError error, string message) : IOException(message)
{
    /// <summary>What went wrong.</summary>
    public SecretStreamError Error { get; } = error;
}
