namespace Wisp.Crypto.Ratchet;

/// <summary>The ratchet's bounds, each with its unit and reason. Wisp.Crypto has no other limits, so they live here.</summary>
public static class RatchetLimits
{
    /// <summary>
    /// Messages a party sends, at most, before its header carries a fresh ML-KEM-768 public key (an offer the peer
    /// answers with an encapsulation in its next sending chain). Counted from the last KEM secret mixed into the root
    /// key; 50 is the bound the design promises, and a KEM step costs 2,272 bytes on the wire, so not every DH step.
    /// </summary>
    public const int KemIntervalMessages = 50;

    /// <summary>
    /// Message keys one header may make the receiver derive and keep for messages it has not seen (a jump in N or
    /// the unseen rest of a previous chain). A peer controls N; 1,000 covers any real outage and caps the HMAC work
    /// one forged header can cost.
    /// </summary>
    public const int MaxSkipPerStep = 1_000;

    /// <summary>
    /// Skipped message keys one session keeps in total (72 bytes each, so about 144 KB of state); the oldest is dropped
    /// first. Bounds what a peer who keeps skipping can make us store; a message older than that can no longer be read.
    /// </summary>
    public const int MaxStoredSkippedKeys = 2_000;
}
