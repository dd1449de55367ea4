using Wisp.Community.Storage;

namespace Wisp.Community.Dms;

/// <summary>Step 3: the direct messages between users (pysogs's <c>inbox</c>), opaque bodies kept until their expiry.</summary>
internal static class DmSchema
{
    public static readonly Migration Migration = new(3, """
        CREATE TABLE inbox (
            id INTEGER PRIMARY KEY,
            recipient INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            sender INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            body BLOB NOT NULL,
            posted_at REAL NOT NULL,
            expiry REAL NOT NULL);
        CREATE INDEX inbox_recipient ON inbox(recipient);
        CREATE INDEX inbox_sender ON inbox(sender);
        CREATE INDEX inbox_expiry ON inbox(expiry);
        """);
}
