using System.Security.Cryptography;
using Wisp.Client.Messaging;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Conversations;

/// <summary>
/// The memory that shows a message once however it comes back (<c>delivered</c>, schema migration 6). The swarm's
/// storage hash cannot do this: it covers the envelope, whose timestamp nobody signs, and the sealed box, which a sender
/// seals afresh on every try, so the same message can arrive under any number of hashes, and anyone may store a
/// captured copy again in namespace 0 once the first has expired. What cannot change without the sender's key is what
/// the sender signed: so each opened message is remembered by a digest of its sender's Account ID and its content bytes
/// (the protobuf inside the signature, which carries the sender's own timestamp; the envelope timestamp is left out
/// because it is not signed).
/// </summary>
/// <remarks>
/// <para>The digest is BLAKE2b-128 keyed with a key derived from the data key: unkeyed, whoever holds the file could
/// confirm a guess ("did this sender write 'yes' at this time?"); keyed, the table says only how many messages arrived.
/// 128 bits keep a year of rows small (about 40 bytes each) with no practical chance of two messages colliding.</para>
/// <para>Growth is bounded: a row is kept for <see cref="MessagingLimits.DedupeMemory"/> after the later of its arrival
/// and its signed timestamp, and a message whose signed timestamp lies outside that window from now is refused as a
/// replay (<see cref="DeliveryVerdict.OutOfWindow"/>), so a copy replayed after its row went cannot show again.</para>
/// </remarks>
internal sealed class DeliveredStore(LocalStore db)
{
    private const int DigestBytes = 16;

    /// <summary>
    /// Remembers the message <paramref name="sender"/> signed as <paramref name="content"/> (signed timestamp
    /// <paramref name="signedAtMs"/>, null when the content carries none): <see cref="DeliveryVerdict.New"/> the first
    /// time, <see cref="DeliveryVerdict.Seen"/> after, <see cref="DeliveryVerdict.OutOfWindow"/> (not remembered) when
    /// its signed time is further than the memory from <paramref name="nowMs"/>.
    /// </summary>
    public DeliveryVerdict Admit(AccountId sender, ReadOnlySpan<byte> content, long? signedAtMs, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var memory = (long)MessagingLimits.DedupeMemory.TotalMilliseconds;
        if (signedAtMs is { } signed && (signed < nowMs - memory || signed > nowMs + memory))
            return DeliveryVerdict.OutOfWindow;
        var keptUntil = Math.Max(nowMs, signedAtMs ?? nowMs) + memory;
        var digest = Digest(sender, content);
        lock (db.Gate)
        {
            var added = db.Execute("INSERT INTO delivered (digest, kept_until) VALUES ($digest, $kept) ON CONFLICT (digest) DO NOTHING",
                ("$digest", digest), ("$kept", keptUntil));
            return added == 1 ? DeliveryVerdict.New : DeliveryVerdict.Seen;
        }
    }

    /// <summary>Forgets digests whose time is over: their messages are refused by their signed timestamp from then on.</summary>
    public void ForgetExpired(long nowMs)
    {
        lock (db.Gate)
            db.Execute("DELETE FROM delivered WHERE kept_until <= $now", ("$now", nowMs));
    }

    /// <summary>How many messages are remembered.</summary>
    public long Count()
    {
        lock (db.Gate)
            return (long)db.Scalar("SELECT COUNT(*) FROM delivered")!;
    }

    private byte[] Digest(AccountId sender, ReadOnlySpan<byte> content)
    {
        var key = Blake2b.Hash("wisp/delivered/v1"u8, 32, db.Key.Span);
        try
        {
            var hasher = Blake2b.CreateIncremental(DigestBytes, key);
            hasher.Update(sender.Bytes);
            hasher.Update(content);
            return hasher.Finish();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}

/// <summary>What <see cref="DeliveredStore.Admit"/> decided about an opened message.</summary>
internal enum DeliveryVerdict
{
    /// <summary>Not seen before: process it.</summary>
    New,

    /// <summary>The same signed message arrived before (under this or another storage hash): skip it.</summary>
    Seen,

    /// <summary>Signed further in the past (or future) than the memory reaches: a replay the client cannot rule out; drop it.</summary>
    OutOfWindow,
}
