namespace Wisp.Client.LocalData;

internal static partial class ClientSchema
{
    /// <summary>This device's direct key's Ed25519 seed (<c>direct_device.secret</c>; row key: "device").</summary>
    public static readonly EncryptedColumn DirectSecret = new("direct_device", "secret");

    /// <summary>Migration 15: direct mode (issue 20).</summary>
    private const string Step15 = """
        -- This device's direct key (docs/PROTOCOL.md "Talking directly"): a random Ed25519 seed, never the account key,
        -- so the DHT sees nothing linkable to the Account ID; public_key is its X25519 form, the identity contacts learn.
        -- secret: EncryptedColumn direct_device/secret (the seed), row key "device". One row.
        CREATE TABLE direct_device (
            id         INTEGER PRIMARY KEY CHECK (id = 1),
            public_key BLOB    NOT NULL,
            secret     BLOB    NOT NULL,
            created_at INTEGER NOT NULL
        );
        -- Direct mode per contact. state: 'off', 'offered' (we turned it on, they have not), 'requested' (they turned it
        -- on, we have not), 'on' (both: only then does anything go direct). their_at: the timestamp of the last offer
        -- they signed (an older one is ignored); last_direct_at: the last time a direct session with them carried a frame.
        CREATE TABLE direct_contacts (
            account_id     TEXT    PRIMARY KEY,
            state          TEXT    NOT NULL,
            changed_at     INTEGER NOT NULL,
            their_at       INTEGER,
            last_direct_at INTEGER
        ) WITHOUT ROWID;
        -- The direct keys of a contact's devices, each from an offer their account signed.
        CREATE TABLE direct_keys (
            account_id TEXT    NOT NULL,
            direct_key BLOB    NOT NULL,
            offered_at INTEGER NOT NULL,
            PRIMARY KEY (account_id, direct_key)
        ) WITHOUT ROWID;
        -- Which way a message went or came: 'direct', 'relayed' (a direct session through a blind relay) or 'swarm'.
        CREATE TABLE direct_paths (
            message_id TEXT    PRIMARY KEY,
            path       TEXT    NOT NULL,
            at         INTEGER NOT NULL
        ) WITHOUT ROWID;
        """;
}
