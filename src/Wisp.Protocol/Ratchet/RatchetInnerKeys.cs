namespace Wisp.Protocol.Ratchet;

/// <summary>
/// Where Wisp's ratchet rides in a v2 message's inner bt dict (keys between "c" and "~", so the v2 signature covers
/// them and a Session client, whose decoder skips unknown keys, is unaffected).
/// </summary>
public static class RatchetInnerKeys
{
    /// <summary>The negotiation dict (<see cref="RatchetNegotiation"/>): a Wisp client's capability and seed values.</summary>
    public const string Negotiation = "w";

    /// <summary>The ratchet message (<see cref="RatchetMessage"/>); "c" is then empty.</summary>
    public const string Message = "r";
}
