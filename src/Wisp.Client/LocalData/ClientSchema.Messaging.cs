namespace Wisp.Client.LocalData;

internal static partial class ClientSchema
{
    /// <summary>Migration 1: the account, contacts, conversations, messages, poll positions.</summary>
    private const string Step1 = """
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
        """;

    /// <summary>Migration 2: conversation state and settings, outbox, read marks, seen hashes, swarm deletes.</summary>
    private const string Step2 = """
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
        """;

    /// <summary>Migration 3: outbox deadlines and the change feed.</summary>
    private const string Step3 = """
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
        """;

    /// <summary>Migration 4: the search index.</summary>
    private const string Step4 = """
        -- tokens: for the message with the same rowid, each distinct word of its body, normalized (NFKC, lower case)
        -- and replaced by a keyed hash (BLAKE2b under a key derived from the data key; SearchIndex), so the file
        -- never holds a word in the clear. Messages are indexed when a search first runs after they arrive; a
        -- deleted message leaves the index with it.
        CREATE VIRTUAL TABLE message_search USING fts5 (tokens, tokenize = 'ascii');
        CREATE TRIGGER messages_unsearchable AFTER DELETE ON messages BEGIN
            DELETE FROM message_search WHERE rowid = OLD.rowid;
        END;
        """;

    /// <summary>Migration 5: display names, quoted replies, reactions, deleted messages.</summary>
    private const string Step5 = """
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
        """;

    /// <summary>Migration 6: what senders signed, kept past the swarm's 14 days.</summary>
    private const string Step6 = """
        -- One row per message opened from the swarm (DeliveredStore): digest is a keyed BLAKE2b-128 (key derived from
        -- the data key) of the sender's Account ID and the signed content bytes, so the same message shows once
        -- whatever storage hash it comes back under. kept_until: a year after the later of its arrival and its signed
        -- time; messages signed before the memory reaches are refused as replays, so nothing shows twice after a row goes.
        CREATE TABLE delivered (
            digest     BLOB    PRIMARY KEY,
            kept_until INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX delivered_kept_until ON delivered (kept_until);
        """;
}
