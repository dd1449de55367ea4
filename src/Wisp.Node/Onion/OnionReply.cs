using System.Net.Mime;
using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Node.NodeLinks;

namespace Wisp.Node.Onion;

/// <summary>
/// What the node answers an onion request with: an HTTP status, the body and its content type; or, for a relay hop,
/// the next node's answer still on the wire (<see cref="Relayed"/>), which the endpoint streams to the client.
/// </summary>
public sealed record OnionReply(int Status, byte[] Body, string ContentType)
{
    /// <summary>The next node's answer to pass on as it arrives (the endpoint disposes it); null for a reply built here.</summary>
    public RelayedAnswer? Relayed { get; init; }

    /// <summary>A relay hop's reply: the next node's status and content type, its body streamed.</summary>
    public static OnionReply Streamed(RelayedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new OnionReply(answer.Status, [], answer.ContentType) { Relayed = answer };
    }

    /// <summary>The content type of the plain-text relay errors and of base64 replies (Session's, without a charset).</summary>
    public const string PlainText = MediaTypeNames.Text.Plain;

    /// <summary>The content type of a raw encrypted reply.</summary>
    public const string OctetStream = MediaTypeNames.Application.Octet;

    /// <summary>A relay error: a status and Session's sentence for it (<see cref="OnionErrors"/>).</summary>
    public static OnionReply Plain(int status, string message) => new(status, Encoding.UTF8.GetBytes(message), PlainText);
}

/// <summary>
/// The texts of the relay's errors, Session's word for word (<c>request_handler.cpp</c> <c>process_onion_req</c>,
/// <c>https.cpp</c> <c>process_onion_req_v2</c>, <c>omq.cpp</c>). Session appends a key to two of them (the next node's,
/// this node's), and so does Wisp: the next node's key is one the layer named and the registry does not know, and
/// this node's key is public.
/// </summary>
public static class OnionErrors
{
    /// <summary>400: the ciphertext did not decrypt with this node's key.</summary>
    public const string InvalidCiphertext = "Invalid ciphertext";

    /// <summary>400: the hop number is past the cap (a loop, or a path far longer than any client builds).</summary>
    public const string TooManyHops = "onion request max path length exceeded";

    /// <summary>504: the next node did not answer in time, or could not be reached; or the HTTP server did not answer in time.</summary>
    public const string TimedOut = "Request time out";

    /// <summary>500: the next node's answer cannot be relayed (larger than a relayed answer may be).</summary>
    public const string InvalidResponse = "Invalid response from snode";

    /// <summary>502: the HTTP server could not be reached, or its answer was too large (Session relays curl's message; Wisp a fixed one).</summary>
    public const string ServerUnreachable = "Server unreachable";

    /// <summary>Encrypted 400 for the client: the decrypted layer is not a layer with a known action.</summary>
    public const string InvalidJson = "Invalid json";

    /// <summary>Encrypted 400 for the client: the server target is not an allowed <c>…/lsrpc</c> path.</summary>
    public const string InvalidUrl = "Invalid url";

    /// <summary>400: the body is not an onion request frame with its control JSON; <paramref name="detail"/> says what is wrong.</summary>
    public static string ParseError(string detail) => $"Error parsing onion request: {detail}";

    /// <summary>502: the layer names a next node the registry does not know.</summary>
    public static string NextNodeNotFound(Ed25519PublicKey next) => $"Next node not found: {next.ToHex()}";

    /// <summary>503: this node does not know the network yet, or is shutting down.</summary>
    public static string NotReady(Ed25519PublicKey self) => $"Snode not ready: {self.ToHex()}";
}
