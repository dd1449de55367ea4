using System.Text.Json.Serialization;

namespace Wisp.Protocol.Community;

/// <summary>
/// One direct message as the community server returns it from <c>GET /inbox</c>, <c>/inbox/since/{id}</c>,
/// <c>/outbox</c> and <c>/outbox/since/{id}</c> (pysogs's <c>_serialize_message</c>), and, without
/// <see cref="Message"/>, as the 201 answer to <c>POST /inbox/{blinded_id}</c>. The server stores the body as opaque
/// bytes: Session's blinded-message ciphertext (<c>0x00 || ciphertext || nonce</c>), which it never reads.
/// Properties are in alphabetical order, as Flask's JSON writer sorts keys.
/// </summary>
/// <param name="ExpiresAt">Unix seconds when the server forgets it (15 days after posting).</param>
/// <param name="Id">The inbox row id; the <c>since</c> of the next poll.</param>
/// <param name="Message">The stored bytes, base64; omitted in the answer to a send.</param>
/// <param name="PostedAt">Unix seconds when it was sent.</param>
/// <param name="Recipient">The recipient's blinded ID (<c>15…</c>).</param>
/// <param name="Sender">The sender's ID as it signed (<c>15…</c>, <c>25…</c> or <c>05…</c>).</param>
public sealed record DirectMessage(
    [property: JsonPropertyName("expires_at")] double ExpiresAt,
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("message"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message,
    [property: JsonPropertyName("posted_at")] double PostedAt,
    [property: JsonPropertyName("recipient")] string Recipient,
    [property: JsonPropertyName("sender")] string Sender);

/// <summary>
/// The body of <c>POST /inbox/{blinded_id}</c>: <c>{"message": BASE64}</c>, the encrypted message. A missing
/// <c>message</c> is a 400.
/// </summary>
/// <param name="Message">The ciphertext, base64.</param>
public sealed record SendDirectMessage([property: JsonPropertyName("message")] string? Message);

/// <summary>The answer to <c>DELETE /inbox</c>: how many received messages were deleted.</summary>
/// <param name="Deleted">The number of messages deleted (0 when the inbox was empty).</param>
public sealed record InboxDeleted([property: JsonPropertyName("deleted")] int Deleted);
