namespace Wisp.Client.Transport;

/// <summary>What came back through an onion path.</summary>
internal enum OnionResponseKind
{
    /// <summary>The destination answered: <see cref="OnionResponse.Status"/> and <see cref="OnionResponse.Body"/> are its reply.</summary>
    Reply,
    /// <summary>A hop answered with a plain error: <see cref="OnionResponse.RelayError"/> says which.</summary>
    RelayError,
    /// <summary>A 200 that does not decrypt with the destination's key, or whose plaintext is not a reply.</summary>
    Undecryptable,
}

/// <summary>
/// The answer to an onion request, decrypted: the destination's status and body, or a relay's plain error. Which of
/// the two it is matters: a relay error is the path's fault (try another path); a reply is the destination's word.
/// </summary>
internal sealed class OnionResponse
{
    private OnionResponse(OnionResponseKind kind, int status, byte[] body, OnionRelayError relayError, string? problem)
    {
        Kind = kind;
        Status = status;
        Body = body;
        RelayError = relayError;
        Problem = problem;
    }

    /// <summary>Reply, relay error, or undecryptable.</summary>
    public OnionResponseKind Kind { get; }

    /// <summary>The destination's status for a reply; the hop's HTTP status for a relay error; 0 otherwise.</summary>
    public int Status { get; }

    /// <summary>The destination's body for a reply (UTF-8 JSON for a node); the hop's plain text for a relay error.</summary>
    public byte[] Body { get; }

    /// <summary>Which relay error, for <see cref="OnionResponseKind.RelayError"/>.</summary>
    public OnionRelayError RelayError { get; }

    /// <summary>What was wrong with an undecryptable answer.</summary>
    public string? Problem { get; }

    /// <summary>True for a destination reply with a 2xx status.</summary>
    public bool IsSuccess => Kind == OnionResponseKind.Reply && Status is >= 200 and < 300;

    /// <summary>A destination's reply.</summary>
    public static OnionResponse Reply(int status, byte[] body) => new(OnionResponseKind.Reply, status, body, OnionRelayError.None, null);

    /// <summary>A hop's plain error.</summary>
    public static OnionResponse FromRelay(int httpStatus, byte[] text) =>
        new(OnionResponseKind.RelayError, httpStatus, text, OnionRelayErrors.Classify(httpStatus, text), null);

    /// <summary>An answer that could not be read.</summary>
    public static OnionResponse Unreadable(string problem) => new(OnionResponseKind.Undecryptable, 0, [], OnionRelayError.None, problem);

    /// <summary>The kind and status; bodies may hold message data and are not printed.</summary>
    public override string ToString() => Kind switch
    {
        OnionResponseKind.Reply => $"reply {Status} ({Body.Length} bytes)",
        OnionResponseKind.RelayError => $"relay error {Status} {RelayError}",
        _ => $"undecryptable: {Problem}",
    };
}
