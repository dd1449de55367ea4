using System.Text;

namespace Wisp.Client.Transport;

/// <summary>
/// Why a node on the path refused or could not relay a request: a plain HTTP error from a hop, never encrypted, with
/// one of the fixed texts Session's nodes (and Wisp's) send. The client cannot tell which hop answered; the status
/// and text say what went wrong.
/// </summary>
internal enum OnionRelayError
{
    /// <summary>Not a relay error.</summary>
    None,
    /// <summary>400 "Invalid ciphertext": a layer did not decrypt at its node (wrong key for that node, or corrupted).</summary>
    InvalidCiphertext,
    /// <summary>400 "Invalid onion request": a body was not a layer with its control JSON.</summary>
    InvalidRequest,
    /// <summary>400 "onion request max path length exceeded": the hop count passed the relays' cap.</summary>
    TooManyHops,
    /// <summary>413: the body was larger than a relay takes.</summary>
    TooLarge,
    /// <summary>429: a relay's rate limit for this caller.</summary>
    RateLimited,
    /// <summary>502 "Next node not found": a relay does not know the next node, or could not reach it.</summary>
    NextNodeNotFound,
    /// <summary>502 "Server unreachable": the last node could not reach the HTTP server.</summary>
    ServerUnreachable,
    /// <summary>503 "Snode not ready": a relay does not know the network yet, is shutting down or is busy.</summary>
    NotReady,
    /// <summary>504 "Request time out": the next node or the server did not answer in time.</summary>
    TimedOut,
    /// <summary>500: a relay failed inside.</summary>
    InternalError,
    /// <summary>Any other plain status from a hop.</summary>
    Other,
}

/// <summary>Reads a hop's plain error into an <see cref="OnionRelayError"/>.</summary>
internal static class OnionRelayErrors
{
    /// <summary>
    /// The error a hop's plain answer means. Session's nodes append details after the fixed words ("Next node not
    /// found: &lt;key&gt;"), so texts are matched by their start, and without regard to case (older Wisp nodes
    /// capitalised "Onion request max path length exceeded"; Session's nodes do not).
    /// </summary>
    public static OnionRelayError Classify(int httpStatus, ReadOnlySpan<byte> body)
    {
        var text = body.Length <= 256 ? Encoding.UTF8.GetString(body) : Encoding.UTF8.GetString(body[..256]);
        return httpStatus switch
        {
            400 when text.StartsWith("Invalid ciphertext", StringComparison.Ordinal) => OnionRelayError.InvalidCiphertext,
            400 when text.StartsWith("onion request max path length exceeded", StringComparison.OrdinalIgnoreCase) => OnionRelayError.TooManyHops,
            400 => OnionRelayError.InvalidRequest,
            413 => OnionRelayError.TooLarge,
            429 => OnionRelayError.RateLimited,
            502 when text.StartsWith("Server unreachable", StringComparison.Ordinal) => OnionRelayError.ServerUnreachable,
            502 => OnionRelayError.NextNodeNotFound,
            503 => OnionRelayError.NotReady,
            504 => OnionRelayError.TimedOut,
            500 => OnionRelayError.InternalError,
            _ => OnionRelayError.Other,
        };
    }

    /// <summary>
    /// True when another path may succeed where this one failed: the path (a dead or slow hop, a busy relay) is the
    /// likely cause rather than the request.
    /// </summary>
    public static bool IsPathFailure(this OnionRelayError error) => error is
        OnionRelayError.NextNodeNotFound or OnionRelayError.TimedOut or OnionRelayError.NotReady
        or OnionRelayError.RateLimited or OnionRelayError.InternalError or OnionRelayError.InvalidCiphertext
        or OnionRelayError.Other;
}
