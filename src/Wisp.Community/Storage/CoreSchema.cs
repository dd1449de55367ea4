namespace Wisp.Community.Storage;

/// <summary>
/// Step 1: rooms, users and their per-room permission overrides, messages with their edit history, reactions,
/// pins, room activity and used request nonces. Table and column names are pysogs's, so an operator who knows
/// pysogs's database reads this one; the sequence bookkeeping pysogs does in triggers is done by the stores in
/// their write transactions. Times are unix seconds as REAL, as pysogs stores and returns them.
/// </summary>
internal static class CoreSchema
{
    public static readonly Migration Migration = new(1, """
        CREATE TABLE rooms (
            id INTEGER PRIMARY KEY,
            token TEXT NOT NULL UNIQUE COLLATE NOCASE,
            name TEXT NOT NULL,
            description TEXT,
            image INTEGER,
            created REAL NOT NULL,
            message_sequence INTEGER NOT NULL DEFAULT 0,
            info_updates INTEGER NOT NULL DEFAULT 0,
            active_users INTEGER NOT NULL DEFAULT 0,
            read INTEGER NOT NULL DEFAULT 1,
            accessible INTEGER NOT NULL DEFAULT 1,
            write INTEGER NOT NULL DEFAULT 1,
            upload INTEGER NOT NULL DEFAULT 1,
            CHECK (token NOT GLOB '*[^a-zA-Z0-9_-]*'));

        CREATE TABLE users (
            id INTEGER PRIMARY KEY,
            session_id TEXT NOT NULL UNIQUE,
            created REAL NOT NULL,
            last_active REAL NOT NULL,
            banned INTEGER NOT NULL DEFAULT 0,
            moderator INTEGER NOT NULL DEFAULT 0,
            admin INTEGER NOT NULL DEFAULT 0,
            visible_mod INTEGER NOT NULL DEFAULT 0,
            CHECK (NOT (banned AND (moderator OR admin))));

        CREATE TABLE user_permission_overrides (
            room INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
            "user" INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            banned INTEGER NOT NULL DEFAULT 0,
            read INTEGER,
            accessible INTEGER,
            write INTEGER,
            upload INTEGER,
            moderator INTEGER NOT NULL DEFAULT 0,
            admin INTEGER NOT NULL DEFAULT 0,
            visible_mod INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (room, "user"),
            CHECK (NOT (banned AND (moderator OR admin)))) WITHOUT ROWID;
        CREATE INDEX user_permission_overrides_mods ON user_permission_overrides(room) WHERE moderator;

        CREATE TABLE messages (
            id INTEGER PRIMARY KEY,
            room INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
            "user" INTEGER NOT NULL REFERENCES users(id),
            posted REAL NOT NULL,
            edited REAL,
            seqno INTEGER NOT NULL DEFAULT 0,
            seqno_data INTEGER NOT NULL DEFAULT 0,
            seqno_reactions INTEGER NOT NULL DEFAULT 0,
            seqno_creation INTEGER NOT NULL DEFAULT 0,
            data BLOB,
            data_size INTEGER,
            signature BLOB,
            filtered INTEGER NOT NULL DEFAULT 0,
            whisper INTEGER REFERENCES users(id),
            whisper_mods INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX messages_room ON messages(room, posted);
        CREATE INDEX messages_updated ON messages(room, seqno);
        CREATE INDEX messages_id ON messages(room, id);

        CREATE TABLE message_history (
            message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            replaced REAL NOT NULL,
            data BLOB NOT NULL,
            signature BLOB NOT NULL);
        CREATE INDEX message_history_message ON message_history(message);

        CREATE TABLE pinned_messages (
            room INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
            message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            pinned_by INTEGER NOT NULL REFERENCES users(id),
            pinned_at REAL NOT NULL,
            PRIMARY KEY (room, message));

        CREATE TABLE reactions (
            id INTEGER PRIMARY KEY,
            message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            reaction TEXT NOT NULL);
        CREATE UNIQUE INDEX reactions_message ON reactions(message, reaction);

        CREATE TABLE user_reactions (
            reaction INTEGER NOT NULL REFERENCES reactions(id) ON DELETE CASCADE,
            "user" INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            at REAL NOT NULL,
            PRIMARY KEY (reaction, "user"));
        CREATE INDEX user_reactions_at ON user_reactions(reaction, at);

        CREATE TABLE room_users (
            room INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
            "user" INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            last_active REAL NOT NULL,
            PRIMARY KEY (room, "user")) WITHOUT ROWID;
        CREATE INDEX room_users_room_activity ON room_users(room, last_active);

        CREATE TABLE user_request_nonces (
            "user" INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            nonce BLOB NOT NULL UNIQUE,
            expiry REAL NOT NULL);
        CREATE INDEX user_request_nonces_expiry ON user_request_nonces(expiry);
        """);
}
