using Wisp.Protocol.Rpc;

namespace Wisp.Node.Storage;

/// <summary>
/// The node's durable message store. Every mutating call returns only after its change is committed to disk,
/// so an acknowledged store survives kill -9. Owners are Account IDs as 66 lowercase hex characters (prefix
/// byte included); hashes are the 43-character unpadded base64 message hashes. Times are Unix milliseconds,
/// always passed in by the caller (the store reads no clock).
/// </summary>
public interface IMessageStore
{
    /// <summary>Revocations kept per owner (Session's 50): the oldest go first.</summary>
    const int MaxRevocationsPerOwner = 50;

    /// <summary>
    /// Stores a message. A message whose (owner, namespace, hash) already exists is not stored again; its expiry is
    /// raised to <see cref="StoredMessage.ExpiryMs"/> if that is later. When <paramref name="replaceNamespace"/> is
    /// true (public outboxes), the owner's other messages in that namespace are deleted in the same transaction.
    /// A message deleted before is stored again (the client's store is a fresh one) and its tombstone cleared.
    /// </summary>
    Task<StoreResult> StoreAsync(StoredMessage message, bool replaceNamespace, CancellationToken cancellationToken);

    /// <summary>
    /// Messages of (owner, namespace) inserted after <paramref name="lastHash"/> (all of them when it is null or
    /// unknown here), unexpired at <paramref name="nowMs"/>, in insertion order, with Session's limits: at most
    /// <paramref name="maxCount"/> messages (null: no count limit), and, counting each message as 100 bytes plus its
    /// hash plus 4/3 of its data (its base64), at most <paramref name="maxSize"/> — but always at least one message if
    /// any match. <see cref="RetrieveResult.More"/> says the limits cut the answer short.
    /// </summary>
    Task<RetrieveResult> RetrieveAsync(
        string owner, int @namespace, string? lastHash, int? maxCount, long maxSize, long nowMs,
        CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the named messages of an owner (any namespace); returns the hashes actually deleted, sorted. Each deleted
    /// message leaves a tombstone until its expiry, so <see cref="StoreManyAsync"/> does not bring it back (so do the
    /// other deletes; expiry and namespace replacement do not).
    /// </summary>
    Task<IReadOnlyList<string>> DeleteAsync(string owner, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken);

    /// <summary>Deletes all of an owner's messages in a namespace (null = every namespace), leaving tombstones; returns what went, sorted by hash.</summary>
    Task<IReadOnlyList<NamespacedHash>> DeleteAllAsync(string owner, int? @namespace, CancellationToken cancellationToken);

    /// <summary>Deletes an owner's messages with timestamp ≤ <paramref name="beforeMs"/> (Session's rule), leaving tombstones; returns what went, sorted by hash.</summary>
    Task<IReadOnlyList<NamespacedHash>> DeleteBeforeAsync(string owner, int? @namespace, long beforeMs, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the expiry of the named messages (each its own target), subject to <paramref name="mode"/>: without a
    /// constraint every message found is updated (even to the expiry it had), with one only those it moves. Returns, per
    /// found hash, its expiry after the call and whether it was updated.
    /// </summary>
    Task<IReadOnlyDictionary<string, ExpiryChange>> ExpireAsync(
        string owner, IReadOnlyList<ExpiryTarget> targets, ExpireMode mode, CancellationToken cancellationToken);

    /// <summary>Shortens every message of the owner (in a namespace, or all when null) that expires later than <paramref name="expiryMs"/>; returns the changed ones, sorted by hash.</summary>
    Task<IReadOnlyList<NamespacedHash>> ExpireAllAsync(string owner, int? @namespace, long expiryMs, CancellationToken cancellationToken);

    /// <summary>
    /// Adds subaccount tokens to the owner's revocation list (a token already there is stamped <paramref name="nowMs"/>
    /// again); only the <see cref="MaxRevocationsPerOwner"/> most recent are kept.
    /// </summary>
    Task RevokeSubaccountsAsync(string owner, IReadOnlyList<byte[]> tokens, long nowMs, CancellationToken cancellationToken);

    /// <summary>Removes subaccount tokens from the owner's revocation list; returns how many were there.</summary>
    Task<int> UnrevokeSubaccountsAsync(string owner, IReadOnlyList<byte[]> tokens, CancellationToken cancellationToken);

    /// <summary>When the owner (last) revoked <paramref name="token"/>, Unix ms; null when it is not revoked.</summary>
    Task<long?> SubaccountRevokedAtAsync(string owner, byte[] token, CancellationToken cancellationToken);

    /// <summary>Current expiries of the named messages that exist.</summary>
    Task<IReadOnlyDictionary<string, long>> GetExpiriesAsync(string owner, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken);

    /// <summary>Deletes every message, and every tombstone, expired at <paramref name="nowMs"/>; returns how many messages.</summary>
    Task<int> DeleteExpiredAsync(long nowMs, CancellationToken cancellationToken);

    /// <summary>Counts for status and metrics.</summary>
    Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A page of messages by insertion id, for replication and migration: rows with id &gt; <paramref name="afterId"/>,
    /// unexpired at <paramref name="nowMs"/>, whose owner passes <paramref name="ownerFilter"/>, in id order; at most
    /// <paramref name="maxCount"/> messages and (with data) <paramref name="maxBytes"/> of data, but at least one if any
    /// matches. At most <see cref="MessagePage.MaxScannedRows"/> rows are looked at per call, so a filter that matches
    /// little cannot make one call read the whole table; <see cref="MessagePage.NextAfterId"/> says where to go on.
    /// Without <paramref name="includeData"/> each message's <see cref="StoredMessage.Data"/> is empty.
    /// </summary>
    Task<MessagePage> ReadPageAsync(
        long afterId, int maxCount, long maxBytes, Func<string, bool> ownerFilter, long nowMs, bool includeData,
        CancellationToken cancellationToken);

    /// <summary>The unexpired messages with the given insertion ids (ids not held, or expired, are left out), in id order.</summary>
    Task<IReadOnlyList<PagedMessage>> ReadByIdsAsync(IReadOnlyCollection<long> ids, long nowMs, CancellationToken cancellationToken);

    /// <summary>For each key, whether the message (owner, namespace, hash) is held; same order as <paramref name="keys"/>.</summary>
    Task<bool[]> ContainsAsync(IReadOnlyList<MessageKey> keys, CancellationToken cancellationToken);

    /// <summary>The message (owner, namespace, hash), or null when it is not held.</summary>
    Task<StoredMessage?> FindAsync(MessageKey key, CancellationToken cancellationToken);

    /// <summary>The highest insertion id in use (0 for an empty store).</summary>
    Task<long> LastIdAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores messages received from other nodes as they are — namespace, timestamp and expiry kept — in one
    /// transaction; a message already held keeps the later of the two expiries (as <see cref="StoreAsync"/>).
    /// Public outboxes are not replaced: the replicated copies expire on their own. A message deleted here (it has a
    /// tombstone) is skipped and counted in <see cref="BulkStoreResult.Deleted"/>: catch-up may list a peer's copy
    /// before a delete and store it after, and a member that missed a delete still holds the message.
    /// </summary>
    Task<BulkStoreResult> StoreManyAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken);
}

/// <summary>What identifies a stored message: its owner (66 hex), namespace and hash.</summary>
public readonly record struct MessageKey(string Owner, int Namespace, string Hash);

/// <summary>A message with its insertion id in this store.</summary>
public sealed record PagedMessage(long Id, StoredMessage Message);

/// <summary>One page of <see cref="IMessageStore.ReadPageAsync"/>.</summary>
/// <param name="Messages">The messages, in id order.</param>
/// <param name="NextAfterId">The id to pass as <c>afterId</c> for the next page (the last row looked at).</param>
/// <param name="More">True when rows after <paramref name="NextAfterId"/> may remain.</param>
public sealed record MessagePage(IReadOnlyList<PagedMessage> Messages, long NextAfterId, bool More)
{
    /// <summary>Rows one call looks at, at most (10,000): bounds the time a filter that matches little can take.</summary>
    public const int MaxScannedRows = 10_000;
}

/// <summary>
/// What a <see cref="IMessageStore.StoreManyAsync"/> did: counts of new, already held, refused (storage full), and
/// skipped because the owner deleted them here (tombstoned).
/// </summary>
public readonly record struct BulkStoreResult(int Stored, int AlreadyStored, int Full, int Deleted = 0);

/// <summary>One stored message.</summary>
/// <remarks>
/// Owner is 66 lowercase hex; Hash the 43-character unpadded base64 message hash; times Unix ms. OwnerSignature is the
/// owner's store signature as <c>Wisp.Protocol.Peering.OwnerStoreSignature</c> JSON, kept for namespaces whose stores
/// are signed so that peers receiving the message can check it; null otherwise (and for messages stored before it was kept).
/// </remarks>
public sealed record StoredMessage(
    string Owner, int Namespace, string Hash, byte[] Data, long TimestampMs, long ExpiryMs, byte[]? OwnerSignature = null);

/// <summary>What a store did.</summary>
public enum StoreOutcome
{
    /// <summary>Newly stored and committed.</summary>
    Stored,
    /// <summary>Already present; expiry possibly extended (Session's <c>"already": true</c>).</summary>
    AlreadyStored,
    /// <summary>Refused: the node's storage cap is reached.</summary>
    Full,
}

/// <summary>The outcome of a store and the message's expiry afterwards.</summary>
public readonly record struct StoreResult(StoreOutcome Outcome, long ExpiryMs);

/// <summary>Messages returned by a retrieve, and whether more remain.</summary>
public sealed record RetrieveResult(IReadOnlyList<RetrievedMessage> Messages, bool More);

/// <summary>A message's namespace and hash (what delete_all, delete_before and expire_all report per namespace).</summary>
public readonly record struct NamespacedHash(int Namespace, string Hash);

/// <summary>A message and the expiry an <c>expire</c> asks for it.</summary>
public readonly record struct ExpiryTarget(string Hash, long ExpiryMs);

/// <summary>How <see cref="IMessageStore.ExpireAsync"/> may move an expiry.</summary>
public enum ExpireMode
{
    /// <summary>Set it to the new value either way.</summary>
    Set,
    /// <summary>Only make it earlier.</summary>
    ShortenOnly,
    /// <summary>Only make it later.</summary>
    ExtendOnly,
}

/// <summary>A message's expiry after an expire call, and whether the call updated it (Session's "updated").</summary>
public readonly record struct ExpiryChange(long ExpiryMs, bool Changed);

/// <summary>Store-wide counts.</summary>
public sealed record StoreStatistics(long Messages, long DataBytes, long Owners, long DatabaseBytes);
