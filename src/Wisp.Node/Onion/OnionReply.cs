using System.Text;

namespace Wisp.Node.Onion;

/// <summary>What the node answers an onion request with: an HTTP status, the body and its content type.</summary>
public sealed record OnionReply(int Status, byte[] Body, string ContentType)
{
    /// <summary>The content type of the plain-text relay errors.</summary>
    public const string PlainText = "text/plain; charset=utf-8";

    /// <summary>The content type of a raw encrypted reply.</summary>
    public const string OctetStream = "application/octet-stream";

    /// <summary>A relay error: a status and a short fixed sentence that reveals nothing about the path.</summary>
    public static OnionReply Plain(int status, string message) => new(status, Encoding.UTF8.GetBytes(message), PlainText);
}

/// <summary>
/// The fixed texts of the relay's plain errors. Session's names, without the detail Session appends (the next
/// node's key, the node's own key): a failing hop tells the previous one only that it failed.
/// </summary>
public static class OnionErrors
{
    /// <summary>400: the ciphertext did not decrypt with this node's key.</summary>
    public const string InvalidCiphertext = "Invalid ciphertext";

    /// <summary>400: the body is not an onion request frame with its control JSON.</summary>
    public const string InvalidRequest = "Invalid onion request";

    /// <summary>400: the hop number is past the cap (a loop, or a path far longer than any client builds).</summary>
    public const string TooManyHops = "Onion request max path length exceeded";

    /// <summary>502: the next node is unknown, unreachable, or answered with something that cannot be relayed.</summary>
    public const string NextNodeNotFound = "Next node not found";

    /// <summary>502: the HTTP server could not be reached, or its answer was too large.</summary>
    public const string ServerUnreachable = "Server unreachable";

    /// <summary>504: the next node or HTTP server did not answer in time.</summary>
    public const string TimedOut = "Request time out";

    /// <summary>503: the node does not know the network yet, is shutting down, or is too busy.</summary>
    public const string NotReady = "Snode not ready";

    /// <summary>413: the body is larger than an onion request may be.</summary>
    public const string TooLarge = "Onion request too large";

    /// <summary>Encrypted 400 for the client: the decrypted layer is not a layer with a known action.</summary>
    public const string InvalidJson = "Invalid json";

    /// <summary>Encrypted 400 for the client: the server target is not an allowed <c>…/lsrpc</c> path.</summary>
    public const string InvalidUrl = "Invalid url";
}
