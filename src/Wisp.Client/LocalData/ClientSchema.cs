namespace Wisp.Client.LocalData;

/// <summary>
/// The client database's tables, as numbered migrations. A database records the migrations it has applied in
/// <c>migrations</c>; opening it applies the ones it lacks, in order, each in its own transaction. Never edit a
/// migration that has shipped: add the next one.
/// </summary>
/// <remarks>
/// <para>What is encrypted (<see cref="EncryptedColumn"/>, under the account's <see cref="DataKey"/>): the seed,
/// contact nicknames and message bodies. What is not, because lookups need it: Account IDs of contacts, message
/// timestamps, statuses and server hashes, poll positions. Anyone who can read the file learns whom the account talks
/// to and when, but not what was said. Times are Unix milliseconds.</para>
/// </remarks>
internal static class ClientSchema
{
    /// <summary>The database file name inside a profile directory.</summary>
    public const string FileName = "client.db";

    /// <summary>The account's own seed (<c>account.seed</c>; row key: the Account ID).</summary>
    public static readonly EncryptedColumn AccountSeed = new("account", "seed");

    /// <summary>A contact's nickname (<c>contacts.nickname</c>; row key: the contact's Account ID).</summary>
    public static readonly EncryptedColumn ContactNickname = new("contacts", "nickname");

    /// <summary>A message's content (<c>messages.body</c>; row key: the message id).</summary>
    public static readonly EncryptedColumn MessageBody = new("messages", "body");

    /// <summary>A display name the peer sent, or this account's own (<c>profile_names.display_name</c>; row key: the Account ID).</summary>
    public static readonly EncryptedColumn DisplayName = new("profile_names", "display_name");

    /// <summary>The quoted text of a reply (<c>messages.quote_text</c>; row key: the message id).</summary>
    public static readonly EncryptedColumn QuoteText = new("messages", "quote_text");

    /// <summary>A group's name (<c>groups.name</c>; row key: the group ID).</summary>
    public static readonly EncryptedColumn GroupName = new("groups", "name");

    /// <summary>A group's description (<c>groups.description</c>; row key: the group ID).</summary>
    public static readonly EncryptedColumn GroupDescription = new("groups", "description");

    /// <summary>An admin's copy of the group's Ed25519 seed (<c>groups.admin_seed</c>; row key: the group ID).</summary>
    public static readonly EncryptedColumn GroupAdminSeed = new("groups", "admin_seed");

    /// <summary>A member's subaccount authentication data (<c>groups.member_auth</c>; row key: the group ID).</summary>
    public static readonly EncryptedColumn GroupMemberAuth = new("groups", "member_auth");

    /// <summary>A group's info config, as dumped (<c>groups.info_dump</c>; row key: the group ID).</summary>
    public static readonly EncryptedColumn GroupInfoDump = new("groups", "info_dump");

    /// <summary>A group's members config, as dumped (<c>groups.members_dump</c>; row key: the group ID).</summary>
    public static readonly EncryptedColumn GroupMembersDump = new("groups", "members_dump");

    /// <summary>One generation of a group's key (<c>group_keys.key</c>; row key: group ID + "/" + generation).</summary>
    public static readonly EncryptedColumn GroupKey = new("group_keys", "key");

    /// <summary>An attachment's serialized pointer (<c>attachments.pointer</c>; row key: "message:idx").</summary>
    public static readonly EncryptedColumn AttachmentPointer = new("attachments", "pointer");

    /// <summary>An attachment's file name (<c>attachments.file_name</c>; row key: "message:idx").</summary>
    public static readonly EncryptedColumn AttachmentFileName = new("attachments", "file_name");

    /// <summary>Where an attachment was saved (<c>attachments.saved_path</c>; row key: "message:idx").</summary>
    public static readonly EncryptedColumn AttachmentSavedPath = new("attachments", "saved_path");

    /// <summary>A profile picture's URL and key (<c>profile_pictures.picture</c>; row key: the Account ID).</summary>
    public static readonly EncryptedColumn ProfilePicture = new("profile_pictures", "picture");

    /// <summary>A community message's data as posted (<c>community_messages.data</c>; row key: "base_url/token/id").</summary>
    public static readonly EncryptedColumn CommunityMessageData = new("community_messages", "data");

    /// <summary>A community direct message's text (<c>community_dms.body</c>; row key: "base_url/in|out/id").</summary>
    public static readonly EncryptedColumn CommunityDmBody = new("community_dms", "body");

    /// <summary>The migrations, in order; a database at version N has applied the first N.</summary>
    public static IReadOnlyList<Migration> Migrations { get; } =
    [
        new(1, "account, contacts, conversations, messages, poll_state", """
            -- The one account this database belongs to. seed: EncryptedColumn account/seed, row key account_id.
            CREATE TABLE account (
                id         INTEGER PRIMARY KEY CHECK (id = 1),
                account_id TEXT    NOT NULL,
                seed       BLOB    NOT NULL
            );

            -- People the account knows. nickname: EncryptedColumn contacts/nickname, row key account_id (NULL: none).
            -- approved: the account accepted messages from them (a message request was answered); blocked: drop theirs.
            CREATE TABLE contacts (
                account_id TEXT    PRIMARY KEY,
                nickname   BLOB,
                approved   INTEGER NOT NULL DEFAULT 0 CHECK (approved IN (0, 1)),
                blocked    INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
                created    INTEGER NOT NULL
            );

            -- One conversation per peer: kind 'direct' is a 1:1 conversation with the Account ID in peer.
            CREATE TABLE conversations (
                id      INTEGER PRIMARY KEY,
                kind    TEXT    NOT NULL CHECK (kind IN ('direct')),
                peer    TEXT    NOT NULL,
                created INTEGER NOT NULL,
                UNIQUE (kind, peer)
            );

            -- Messages sent and received. id: chosen by the client before the body is encrypted (the body's row key).
            -- direction: 'out' (sent by this account) or 'in'. sender: an Account ID. body: EncryptedColumn
            -- messages/body. status: for 'out' messages, pending (not yet stored on the swarm), sent or failed (with
            -- failure_reason); NULL for 'in'. server_hash: the swarm's message hash, once known (deduplicates retrieves).
            -- expires_at: when the swarm drops it (the client may drop it then too).
            CREATE TABLE messages (
                id             TEXT    PRIMARY KEY,
                conversation   INTEGER NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
                direction      TEXT    NOT NULL CHECK (direction IN ('in', 'out')),
                sender         TEXT    NOT NULL,
                body           BLOB    NOT NULL,
                sent_at        INTEGER NOT NULL,
                received_at    INTEGER,
                status         TEXT    CHECK (status IN ('pending', 'sent', 'failed')),
                failure_reason TEXT,
                server_hash    TEXT    UNIQUE,
                expires_at     INTEGER,
                CHECK ((direction = 'out') = (status IS NOT NULL))
            );
            CREATE INDEX messages_conversation_sent_at ON messages (conversation, sent_at);
            CREATE INDEX messages_expires_at ON messages (expires_at) WHERE expires_at IS NOT NULL;

            -- Where retrieving left off: the last message hash seen from each node, per namespace.
            CREATE TABLE poll_state (
                node      TEXT    NOT NULL,
                namespace INTEGER NOT NULL,
                last_hash TEXT    NOT NULL,
                PRIMARY KEY (node, namespace)
            );
            """),
        new(2, "messaging: conversation state and settings, outbox, read marks, seen hashes, swarm deletes", """
            -- state: 'accepted' (the account talks to this peer), 'request' (an unknown sender wrote first; nothing is
            -- sent back until accepted), 'declined' (the request was declined: its messages are deleted, a new message
            -- makes a new request) or 'blocked' (their messages are dropped on arrival). It supersedes contacts.approved
            -- and contacts.blocked, which are kept in step with it. disappear_seconds: the timer for messages sent from
            -- now on (0: off). read_receipts / typing_indicators: whether this account sends them in this conversation.
            ALTER TABLE conversations ADD COLUMN state TEXT NOT NULL DEFAULT 'accepted'
                CHECK (state IN ('request', 'accepted', 'declined', 'blocked'));
            ALTER TABLE conversations ADD COLUMN disappear_seconds INTEGER NOT NULL DEFAULT 0 CHECK (disappear_seconds >= 0);
            ALTER TABLE conversations ADD COLUMN read_receipts INTEGER NOT NULL DEFAULT 1 CHECK (read_receipts IN (0, 1));
            ALTER TABLE conversations ADD COLUMN typing_indicators INTEGER NOT NULL DEFAULT 1 CHECK (typing_indicators IN (0, 1));

            -- kind: 'text' or 'timer' (a change of the disappearing timer; body says what it became). attempts and
            -- next_attempt_at: the outbox's retries of an 'out' message. payload: the sealed, wrapped bytes of a pending
            -- 'out' message (the same bytes on every retry, so a retry stores the same hash; NULL once sent). read_at:
            -- for 'in', when this account read it; for 'out', when the peer's read receipt came. expires_at (from
            -- migration 1) is set only for disappearing messages: the client deletes them then.
            ALTER TABLE messages ADD COLUMN kind TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'timer'));
            ALTER TABLE messages ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE messages ADD COLUMN next_attempt_at INTEGER;
            ALTER TABLE messages ADD COLUMN payload BLOB;
            ALTER TABLE messages ADD COLUMN read_at INTEGER;
            CREATE INDEX messages_outbox ON messages (next_attempt_at) WHERE status = 'pending';

            -- Every message hash taken from the account's swarm (stored, or dropped with a logged reason), so a message
            -- fetched again from another node is not processed twice. Rows go when the swarm's copy expires.
            CREATE TABLE seen_hashes (
                hash       TEXT    PRIMARY KEY,
                expires_at INTEGER NOT NULL
            );

            -- Hashes of the account's own swarm messages to delete there (disappeared messages), until a node confirms.
            CREATE TABLE swarm_deletes (
                hash  TEXT    PRIMARY KEY,
                added INTEGER NOT NULL
            );
            """),
        new(3, "outbox deadlines and a change feed every process of a profile follows", """
            -- deadline_at: when the outbox gives up on a pending 'out' message: the end of its time in the swarm (sent_at
            -- + 14 days, or its disappearing time), or 14 days after a retry. Until then it is retried with backoff.
            ALTER TABLE messages ADD COLUMN deadline_at INTEGER;
            UPDATE messages SET deadline_at = COALESCE(expires_at, sent_at + 1209600000) WHERE status = 'pending';

            -- change: the value of change_counter when the message was inserted or its delivery state, failure reason,
            -- attempts or read mark last changed; inserted_change: its value at the insert. Every process of the profile
            -- follows messages by them, so a message one process sends or receives shows in the others as new.
            ALTER TABLE messages ADD COLUMN change INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE messages ADD COLUMN inserted_change INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX messages_change ON messages (change);
            CREATE TABLE change_counter (
                id    INTEGER PRIMARY KEY CHECK (id = 1),
                value INTEGER NOT NULL
            );
            INSERT INTO change_counter (id, value) VALUES (1, 0);
            CREATE TRIGGER messages_inserted AFTER INSERT ON messages BEGIN
                UPDATE change_counter SET value = value + 1 WHERE id = 1;
                UPDATE messages SET change = (SELECT value FROM change_counter WHERE id = 1),
                                    inserted_change = (SELECT value FROM change_counter WHERE id = 1) WHERE rowid = NEW.rowid;
            END;
            CREATE TRIGGER messages_changed AFTER UPDATE OF status, failure_reason, attempts, read_at ON messages BEGIN
                UPDATE change_counter SET value = value + 1 WHERE id = 1;
                UPDATE messages SET change = (SELECT value FROM change_counter WHERE id = 1) WHERE rowid = NEW.rowid;
            END;
            """),
        new(4, "a search index over keyed hashes of words", """
            -- tokens: for the message with the same rowid, each distinct word of its body, normalized (NFKC, lower case)
            -- and replaced by a keyed hash (BLAKE2b under a key derived from the data key; SearchIndex), so the file
            -- never holds a word in the clear. Messages are indexed when a search first runs after they arrive; a
            -- deleted message leaves the index with it.
            CREATE VIRTUAL TABLE message_search USING fts5 (tokens, tokenize = 'ascii');
            CREATE TRIGGER messages_unsearchable AFTER DELETE ON messages BEGIN
                DELETE FROM message_search WHERE rowid = OLD.rowid;
            END;
            """),
        new(5, "display names, quoted replies, reactions, deleted messages", """
            -- Display names (Session's LokiProfile.displayName): the one peers sent with their messages, and the
            -- account's own (the row with its own Account ID), sent with every text message. display_name:
            -- EncryptedColumn profile_names/display_name, row key account_id. A nickname, where set, is shown instead.
            CREATE TABLE profile_names (
                account_id   TEXT    PRIMARY KEY,
                display_name BLOB    NOT NULL,
                updated      INTEGER NOT NULL
            );

            -- A reply's quote (Session's DataMessage.Quote): quote_id is the quoted message's sent timestamp (how both
            -- sides name it), quote_author its sender's Account ID, quote_text: EncryptedColumn messages/quote_text, row
            -- key id. deleted_at: when the message was deleted for everyone (Session's unsend); its body and quote are
            -- then emptied and the row stays, so the conversation shows "(message deleted)".
            ALTER TABLE messages ADD COLUMN quote_id INTEGER;
            ALTER TABLE messages ADD COLUMN quote_author TEXT;
            ALTER TABLE messages ADD COLUMN quote_text BLOB;
            ALTER TABLE messages ADD COLUMN deleted_at INTEGER;

            -- Reactions (Session's DataMessage.Reaction): one per (message, author, emoji). Not encrypted: an emoji
            -- says little, and it is the key. The message's change number moves with each, so every process shows it.
            CREATE TABLE reactions (
                message TEXT    NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
                author  TEXT    NOT NULL,
                emoji   TEXT    NOT NULL,
                at      INTEGER NOT NULL,
                PRIMARY KEY (message, author, emoji)
            );

            -- edit_change: the change number of the message's last reaction or deletion (equal to change when that was
            -- its last change), so followers tell an edit from a delivery state. A message deleted for everyone also
            -- leaves the search index (migration 4), so its words are not found again.
            ALTER TABLE messages ADD COLUMN edit_change INTEGER NOT NULL DEFAULT 0;
            CREATE TRIGGER messages_deleted AFTER UPDATE OF deleted_at ON messages BEGIN
                DELETE FROM message_search WHERE rowid = NEW.rowid;
                UPDATE change_counter SET value = value + 1 WHERE id = 1;
                UPDATE messages SET change = (SELECT value FROM change_counter WHERE id = 1),
                                    edit_change = (SELECT value FROM change_counter WHERE id = 1) WHERE rowid = NEW.rowid;
            END;
            CREATE TRIGGER reactions_added AFTER INSERT ON reactions BEGIN
                UPDATE change_counter SET value = value + 1 WHERE id = 1;
                UPDATE messages SET change = (SELECT value FROM change_counter WHERE id = 1),
                                    edit_change = (SELECT value FROM change_counter WHERE id = 1) WHERE id = NEW.message;
            END;
            CREATE TRIGGER reactions_removed AFTER DELETE ON reactions BEGIN
                UPDATE change_counter SET value = value + 1 WHERE id = 1;
                UPDATE messages SET change = (SELECT value FROM change_counter WHERE id = 1),
                                    edit_change = (SELECT value FROM change_counter WHERE id = 1) WHERE id = OLD.message;
            END;
            """),
        new(6, "what senders signed, remembered past the swarm's 14 days", """
            -- One row per message opened from the swarm (DeliveredStore): digest is a keyed BLAKE2b-128 (key derived from
            -- the data key) of the sender's Account ID and the signed content bytes, so the same message shows once
            -- whatever storage hash it comes back under. kept_until: a year after the later of its arrival and its signed
            -- time; messages signed before the memory reaches are refused as replays, so nothing shows twice after a row goes.
            CREATE TABLE delivered (
                digest     BLOB    PRIMARY KEY,
                kept_until INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX delivered_kept_until ON delivered (kept_until);
            """),
        new(7, "closed groups: groups, their members, key generations, poll state; group conversations and messages", """
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
            """),
        // 7 is the groups migration (another branch); attachments are 8. The runner applies any migration above a
        // database's version in order, so the gap is harmless until both land.
        new(8, "attachments of messages, their downloads, profile pictures", """
            -- One row per file a message carries (Session's AttachmentPointer), sent or received, in the message's order.
            -- pointer: EncryptedColumn attachments/pointer, row key "message:idx": the serialized pointer, which holds the
            -- file's key and digest. file_name and saved_path are encrypted too (their own columns, same row key);
            -- size is not (it says little, and lists show it). state: 'remote' (on the file
            -- server), 'saved' (downloaded, digest checked, decrypted to saved_path), 'failed' (refused: last_error).
            CREATE TABLE attachments (
                message    TEXT    NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
                idx        INTEGER NOT NULL,
                pointer    BLOB    NOT NULL,
                file_name  BLOB    NOT NULL,
                size       INTEGER NOT NULL,
                state      TEXT    NOT NULL DEFAULT 'remote' CHECK (state IN ('remote', 'saved', 'failed')),
                saved_path BLOB,
                last_error TEXT,
                PRIMARY KEY (message, idx)
            ) WITHOUT ROWID;

            -- Profile pictures (Session's LokiProfile.profilePicture URL and DataMessage.profileKey), this account's own
            -- and those peers sent. picture: EncryptedColumn profile_pictures/picture, row key the Account ID: the
            -- URL and the 32-byte key. changed: when it was set, Unix ms.
            CREATE TABLE profile_pictures (
                account_id TEXT    PRIMARY KEY,
                picture    BLOB    NOT NULL,
                changed    INTEGER NOT NULL
            ) WITHOUT ROWID;
            """),
        new(9, "communities: servers, rooms, their messages, direct messages", """
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
            """),
    ];

    /// <summary>The schema version this build writes: the number of the last migration.</summary>
    public static int CurrentVersion => Migrations[^1].Version;

    /// <summary>One step of the schema.</summary>
    /// <param name="Version">Its number, from 1, without gaps.</param>
    /// <param name="Name">What it adds, for the <c>migrations</c> table.</param>
    /// <param name="Sql">The statements.</param>
    public sealed record Migration(int Version, string Name, string Sql);
}
