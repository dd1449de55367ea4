namespace Wisp.Client.LocalData;

internal static partial class ClientSchema
{
    /// <summary>A device key seed (<c>device_keys.seed</c>; row key: the entry's <c>key_id</c>).</summary>
    public static readonly EncryptedColumn DeviceKeySeed = new("device_keys", "seed");

    /// <summary>Migration 11: device groups (this device, its keys, the group's devices, link requests both ways).</summary>
    private const string Step11 = """
        -- This device (one row). device_id: 32 random bytes, never reused after a removal. restored: 1 when the profile
        -- came from a recovery phrase (such a device asks to join; any other founds a group when first opened).
        -- group_id: the 8-byte identifier of the group it is in (NULL outside one). joined: 1 while a member.
        -- removed_at: when another device removed it (Unix s). seq: its record's seqno. needs_push: 1 when the group
        -- message should be pushed. last_hash/last_node: the namespace-21 retrieve position. fetched: 1 after the
        -- first fetch. description: how the device describes itself to the others.
        CREATE TABLE device_self (
            id          INTEGER PRIMARY KEY CHECK (id = 1),
            device_id   BLOB    NOT NULL,
            restored    INTEGER NOT NULL DEFAULT 0,
            group_id    BLOB,
            joined      INTEGER NOT NULL DEFAULT 0,
            removed_at  INTEGER,
            seq         INTEGER NOT NULL DEFAULT 0,
            needs_push  INTEGER NOT NULL DEFAULT 0,
            last_hash   TEXT,
            last_node   TEXT,
            fetched     INTEGER NOT NULL DEFAULT 0,
            description TEXT    NOT NULL DEFAULT ''
        );

        -- This device's own X25519 + ML-KEM key seeds (SHAKE256("SessionDeviceKeys" ‖ seed)); seed: EncryptedColumn
        -- device_keys/seed, row key key_id. rotated_at NULL: the current pair. Times are Unix s.
        CREATE TABLE device_keys (
            key_id     TEXT    PRIMARY KEY,
            seed       BLOB    NOT NULL,
            created_at INTEGER NOT NULL,
            rotated_at INTEGER
        ) WITHOUT ROWID;

        -- The group's devices as merged: state 2 registered, 3 left, 4 removed (the rank the merge compares). record:
        -- the device's bt-encoded record (public keys, description; NULL for a tombstone of a device never seen).
        -- digest: BLAKE2b-8 of the record as received (NULL for this device's own). gone_at: Unix s of a tombstone.
        CREATE TABLE devices (
            device_id BLOB    PRIMARY KEY,
            state     INTEGER NOT NULL CHECK (state IN (2, 3, 4)),
            seq       INTEGER NOT NULL DEFAULT 0,
            record    BLOB,
            digest    BLOB,
            gone_at   INTEGER
        ) WITHOUT ROWID;

        -- Link requests other devices sent this group. plaintext: the signed request as decrypted (public keys and a
        -- description). status: 0 pending, 1 accepted, 2 denied, 3 superseded. Times Unix ms; expires_at the swarm's.
        CREATE TABLE device_link_requests (
            id          INTEGER PRIMARY KEY,
            hash        TEXT    NOT NULL UNIQUE,
            device_id   BLOB    NOT NULL,
            plaintext   BLOB    NOT NULL,
            received_at INTEGER NOT NULL,
            expires_at  INTEGER NOT NULL,
            status      INTEGER NOT NULL DEFAULT 0
        );

        -- This device's own requests to join. group_id: the group asked; x25519: the key the request carried (what an
        -- admission is matched by); confirmed: the user confirmed the SAS here; admission: a group message admitting
        -- it, held until confirmed. Times Unix ms.
        CREATE TABLE device_own_requests (
            id         INTEGER PRIMARY KEY,
            group_id   BLOB    NOT NULL,
            x25519     BLOB    NOT NULL,
            plaintext  BLOB    NOT NULL,
            sent_at    INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            confirmed  INTEGER NOT NULL DEFAULT 0,
            admission  BLOB
        );

        -- Groups seen in namespace 21: the newest message's link key and time, and whether the user dismissed it here.
        CREATE TABLE device_groups_seen (
            group_id  BLOB    PRIMARY KEY,
            link_key  BLOB    NOT NULL,
            last_seen INTEGER NOT NULL,
            dismissed INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        """;
}
