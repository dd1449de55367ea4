namespace Wisp.Client.LocalData;

internal static partial class ClientSchema
{
    /// <summary>Migration 8: attachments and profile pictures.</summary>
    private const string Step8 = """
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
        """;
}
