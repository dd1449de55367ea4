namespace Wisp.Client.LocalData;

internal static partial class ClientSchema
{
    /// <summary>Migration 7: closed groups.</summary>
    private const string Step7 = """
        -- Conversations and messages gain a kind each, in place: a CHECK constraint that allows more values changes no
        -- stored row, so the schema text is edited (SQLite's documented way to change constraints) rather than the
        -- tables rebuilt, which would cascade-delete every message through the foreign key. kind 'group' is a group
        -- conversation whose peer is the group's ID (03 + hex Ed25519 key); a group message's sender is the member's
        -- Account ID. Message kind 'group_update' is a system line: a join, a leave, a removal, a rename.
        PRAGMA writable_schema = ON;
        UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (kind IN (''direct''))', 'CHECK (kind IN (''direct'', ''group''))')
            WHERE type = 'table' AND name = 'conversations';
        UPDATE sqlite_schema SET sql = replace(sql, 'CHECK (kind IN (''text'', ''timer''))', 'CHECK (kind IN (''text'', ''timer'', ''group_update''))')
            WHERE type = 'table' AND name = 'messages';
        PRAGMA writable_schema = RESET;

        -- One row per group the account created, was invited to, or was in. group_id: 03 + hex of the group's Ed25519
        -- key. name, description: EncryptedColumn groups/name and groups/description, row key group_id. role: 'admin'
        -- (holds admin_seed: EncryptedColumn groups/admin_seed, the group's 32-byte Ed25519 seed), 'member' (holds
        -- member_auth: EncryptedColumn groups/member_auth, the admin-signed subaccount token and signature), 'invited'
        -- (an invite waiting for accept or decline, member_auth set), 'removed' or 'left' (reads nothing more).
        -- invited_by: who sent the invite. info_dump / members_dump: the info (13) and members (14) configs as
        -- libsession dumps them (EncryptedColumn groups/info_dump and groups/members_dump): seqno, data, hashes, so a
        -- restart merges only what is new and an older copy is ignored.
        CREATE TABLE groups (
            group_id       TEXT    PRIMARY KEY,
            name           BLOB    NOT NULL,
            description    BLOB,
            role           TEXT    NOT NULL CHECK (role IN ('admin', 'member', 'invited', 'removed', 'left')),
            admin_seed     BLOB,
            member_auth    BLOB,
            invited_by     TEXT,
            info_dump      BLOB,
            members_dump   BLOB,
            created        INTEGER NOT NULL,
            updated        INTEGER NOT NULL
        );

        -- The group's encryption keys this account holds, one per generation (the newest encrypts; older ones open
        -- older messages). key: EncryptedColumn group_keys/key, row key group_id + "/" + generation.
        CREATE TABLE group_keys (
            group_id   TEXT    NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
            generation INTEGER NOT NULL,
            key        BLOB    NOT NULL,
            added      INTEGER NOT NULL,
            PRIMARY KEY (group_id, generation)
        ) WITHOUT ROWID;

        -- The group's members as the members config (namespace 14) last said: role 'admin' or 'member', status
        -- 'invited', 'joined' or 'removed'. For admins, token is the member's subaccount token (to revoke on removal).
        CREATE TABLE group_members (
            group_id   TEXT    NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
            account_id TEXT    NOT NULL,
            role       TEXT    NOT NULL CHECK (role IN ('admin', 'member')),
            status     TEXT    NOT NULL CHECK (status IN ('invited', 'joined', 'removed')),
            token      BLOB,
            updated    INTEGER NOT NULL,
            PRIMARY KEY (group_id, account_id)
        ) WITHOUT ROWID;

        -- Where retrieving left off in each group swarm namespace (11 messages, 12 keys, 13 info, 14 members, -11
        -- revoked), per node, as poll_state does for the account's own swarm.
        CREATE TABLE group_poll_state (
            group_id  TEXT    NOT NULL REFERENCES groups (group_id) ON DELETE CASCADE,
            node      TEXT    NOT NULL,
            namespace INTEGER NOT NULL,
            last_hash TEXT    NOT NULL,
            PRIMARY KEY (group_id, node, namespace)
        ) WITHOUT ROWID;
        """;
}
