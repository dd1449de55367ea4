namespace Wisp.Client.LocalData;

internal static partial class ClientSchema
{
    /// <summary>One seed of the account key ring (<c>account_keys.seed</c>; row key: the entry's <c>key_id</c>).</summary>
    public static readonly EncryptedColumn AccountKeySeed = new("account_keys", "seed");

    /// <summary>The content of a message waiting for its recipient's v2 keys (<c>key_waits.content</c>; row key: the message id).</summary>
    public static readonly EncryptedColumn KeyWaitContent = new("key_waits", "content");

    /// <summary>Migration 10: protocol v2 account keys, the contact key cache, and how each message was sealed.</summary>
    private const string Step10 = """
        -- The account key ring (Session protocol v2 "Account keys"): 32-byte seeds, each expanded into an X25519 and an
        -- ML-KEM-768 key pair. seed: EncryptedColumn account_keys/seed, row key key_id (hex of a hash of the seed, so
        -- merging entries from another device needs no decryption). created_at: when the seed was made; rotated_at:
        -- when a newer one replaced it (NULL: the current one). Entries rotated away more than 16 days ago are dropped.
        CREATE TABLE account_keys (
            key_id     TEXT    PRIMARY KEY,
            seed       BLOB    NOT NULL,
            created_at INTEGER NOT NULL,
            rotated_at INTEGER
        ) WITHOUT ROWID;

        -- This account's v2 publishing: publish = 0 keeps the bundle out of namespace -21 (the account stays v1-only);
        -- published_key: the key_id last stored there, published_at: when.
        CREATE TABLE account_key_state (
            id            INTEGER PRIMARY KEY CHECK (id = 1),
            publish       INTEGER NOT NULL DEFAULT 1 CHECK (publish IN (0, 1)),
            published_key TEXT,
            published_at  INTEGER
        );
        INSERT INTO account_key_state (id) VALUES (1);

        -- Contacts' published v2 key bundles (namespace -21), as libsession's pfs_key_cache: bundle is the verified
        -- M/X/~ dict as fetched (public; kept in the clear), fetched_at the last fetch that found valid keys, nak_at the
        -- last fetch that found none (suppresses fetching for 1h).
        CREATE TABLE contact_keys (
            account_id TEXT    PRIMARY KEY,
            bundle     BLOB,
            fetched_at INTEGER,
            nak_at     INTEGER
        ) WITHOUT ROWID;

        -- A message queued while its recipient's keys were unknown or expired: it holds a v1 payload (the fallback)
        -- and waits for one fetch before its first attempt. content: EncryptedColumn key_waits/content, row key the
        -- message id: the Content protobuf to seal again in v2 when the fetch finds keys.
        CREATE TABLE key_waits (
            message TEXT PRIMARY KEY REFERENCES messages (id) ON DELETE CASCADE,
            content BLOB NOT NULL
        ) WITHOUT ROWID;

        -- How a 1:1 message was sealed: 'v2' (forward-secret), 'v2-nonpfs' (v2 format to the long-term key) or 'v1'.
        -- Every 1:1 message before this migration was v1.
        ALTER TABLE messages ADD COLUMN sealing TEXT CHECK (sealing IN ('v2', 'v2-nonpfs', 'v1'));
        UPDATE messages SET sealing = 'v1' WHERE conversation IN (SELECT id FROM conversations WHERE kind = 'direct');
        """;
}
