namespace Wisp.Client.LocalData;

internal static partial class ClientSchema
{
    /// <summary>Migration 9: communities (servers, rooms, their messages, direct messages).</summary>
    private const string Step9 = """
        -- Community servers this account has joined a room on (Session's community API). base_url:
        -- 'scheme://host:port'; server_key: its X25519 key, hex. inbox_since/outbox_since: the highest DM ids read.
        CREATE TABLE community_servers (
            base_url     TEXT    PRIMARY KEY,
            server_key   TEXT    NOT NULL,
            inbox_since  INTEGER NOT NULL DEFAULT 0,
            outbox_since INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;

        -- Joined rooms. Their details are public and kept in the clear. seqno: the highest message seqno read
        -- (since-polls start there); info_updates: the room's counter when its details were last read.
        CREATE TABLE community_rooms (
            base_url     TEXT    NOT NULL REFERENCES community_servers (base_url) ON DELETE CASCADE,
            token        TEXT    NOT NULL,
            name         TEXT,
            description  TEXT,
            active_users INTEGER NOT NULL DEFAULT 0,
            info_updates INTEGER NOT NULL DEFAULT 0,
            seqno        INTEGER NOT NULL DEFAULT 0,
            can_read     INTEGER NOT NULL DEFAULT 1,
            can_write    INTEGER NOT NULL DEFAULT 1,
            moderator    INTEGER NOT NULL DEFAULT 0,
            admin        INTEGER NOT NULL DEFAULT 0,
            joined       INTEGER NOT NULL,
            PRIMARY KEY (base_url, token)
        ) WITHOUT ROWID;

        -- Room messages as last read. data: EncryptedColumn community_messages/data, row key "base_url/token/id":
        -- the post's bytes (padded Content protobuf), null once deleted. sent: the author's claimed time (what a
        -- quote names). reactions: the server's reactions object, JSON. Times are Unix ms.
        CREATE TABLE community_messages (
            base_url  TEXT    NOT NULL,
            token     TEXT    NOT NULL,
            id        INTEGER NOT NULL,
            seqno     INTEGER NOT NULL,
            sender    TEXT    NOT NULL,
            posted    INTEGER NOT NULL,
            edited    INTEGER,
            sent      INTEGER,
            data      BLOB,
            reactions TEXT,
            deleted   INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (base_url, token, id),
            FOREIGN KEY (base_url, token) REFERENCES community_rooms (base_url, token) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE INDEX community_messages_sent ON community_messages (base_url, token, sender, sent);

        -- Direct messages between blinded IDs on a server. body: EncryptedColumn community_dms/body, row key
        -- "base_url/in|out/id": the decrypted text. sender_account: the sender's real Account ID.
        CREATE TABLE community_dms (
            base_url       TEXT    NOT NULL REFERENCES community_servers (base_url) ON DELETE CASCADE,
            id             INTEGER NOT NULL,
            outgoing       INTEGER NOT NULL,
            peer           TEXT    NOT NULL,
            sender_account TEXT,
            posted         INTEGER NOT NULL,
            body           BLOB    NOT NULL,
            PRIMARY KEY (base_url, outgoing, id)
        ) WITHOUT ROWID;
        """;
}
