namespace Wisp.Client.LocalData;

internal static partial class ClientSchema
{
    /// <summary>A user config (libsession's UserProfile, Contacts, ConvoInfoVolatile, UserGroups) as dumped (<c>user_configs.dump</c>; row key: the namespace).</summary>
    public static readonly EncryptedColumn UserConfigDump = new("user_configs", "dump");

    /// <summary>What the local stores said at the last config sync (<c>user_configs.local_view</c>; row key: "view").</summary>
    public static readonly EncryptedColumn UserConfigView = new("user_configs", "local_view");

    /// <summary>Migration 13: the account's own configs, synced between its devices through its swarm.</summary>
    private const string Step13 = """
        -- One row per user config namespace (2 UserProfile, 3 Contacts, 4 ConvoInfoVolatile, 5 UserGroups): dump is
        -- libsession's dump layout (state, message, current and obsolete storage hashes), EncryptedColumn
        -- user_configs/dump, row key the namespace. updated: Unix ms.
        CREATE TABLE user_configs (
            namespace INTEGER PRIMARY KEY,
            dump      BLOB    NOT NULL,
            updated   INTEGER NOT NULL
        );

        -- What the local stores held when configs were last synced (one row, key 'view'), so that the next sync pushes
        -- only what changed here since, and never undoes a remote change the local stores cannot represent.
        -- local_view: EncryptedColumn user_configs/local_view, row key "view".
        CREATE TABLE user_config_view (
            key        TEXT    PRIMARY KEY CHECK (key = 'view'),
            local_view BLOB    NOT NULL
        );

        -- Copies of sent 1:1 messages for the account's other devices (Session's DataMessage.syncTarget), sealed to the
        -- account itself, waiting to be stored in its own swarm. payload: the stored bytes (already encrypted).
        -- deadline: after it, the copy is dropped unsent (the swarm would no longer keep it either).
        CREATE TABLE sync_copies (
            id       INTEGER PRIMARY KEY,
            payload  BLOB    NOT NULL,
            deadline INTEGER NOT NULL
        );
        """;
}
