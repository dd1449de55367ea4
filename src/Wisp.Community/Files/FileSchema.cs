using Wisp.Community.Storage;

namespace Wisp.Community.Files;

/// <summary>
/// Step 4: room files (pysogs's <c>files</c>): the row, the bytes on disk under <c>uploads/TOKEN/</c>. An upload lives
/// an hour; a post that names it keeps it 15 days, a pin or the room image keeps it for good. The triggers carry
/// pysogs's rules to the writers of posts, pins and the room image, whoever they are: a deleted post's files expire
/// at once, a pinned post's never, an unpinned post's 15 days after upload, a replaced room image at once and the
/// new one never; a removed room's files expire at once.
/// </summary>
internal static class FileSchema
{
    public static readonly Migration Migration = new(4, """
        CREATE TABLE files (
            id INTEGER PRIMARY KEY,
            room INTEGER REFERENCES rooms(id) ON DELETE SET NULL,
            uploader INTEGER REFERENCES users(id),
            message INTEGER REFERENCES messages(id) ON DELETE SET NULL,
            size INTEGER NOT NULL,
            uploaded REAL NOT NULL,
            expiry REAL,
            filename TEXT,
            path TEXT NOT NULL);
        CREATE INDEX files_room ON files(room);
        CREATE INDEX files_expiry ON files(expiry);
        CREATE INDEX files_message ON files(message);

        CREATE TRIGGER room_expire_roomless AFTER UPDATE OF room ON files
        FOR EACH ROW WHEN NEW.room IS NULL
        BEGIN
            UPDATE files SET expiry = 0.0 WHERE id = NEW.id;
        END;

        CREATE TRIGGER files_after_message_delete AFTER UPDATE OF data ON messages
        FOR EACH ROW WHEN NEW.data IS NULL AND OLD.data IS NOT NULL
        BEGIN
            UPDATE files SET expiry = 0.0 WHERE message = OLD.id;
        END;

        CREATE TRIGGER files_pinned_add AFTER INSERT ON pinned_messages
        FOR EACH ROW
        BEGIN
            UPDATE files SET expiry = NULL WHERE message = NEW.message;
        END;
        CREATE TRIGGER files_pinned_remove AFTER DELETE ON pinned_messages
        FOR EACH ROW
        BEGIN
            UPDATE files SET expiry = uploaded + 15.0 * 86400.0 WHERE message = OLD.message;
        END;

        CREATE TRIGGER files_room_image AFTER UPDATE OF image ON rooms
        FOR EACH ROW WHEN NEW.image IS NOT OLD.image
        BEGIN
            UPDATE files SET expiry = 0.0 WHERE id = OLD.image;
            UPDATE files SET expiry = NULL WHERE id = NEW.image;
        END;
        """);
}
