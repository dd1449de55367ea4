using Wisp.Community.Storage;

namespace Wisp.Community.Rooms;

/// <summary>
/// Step 5: scheduled per-user permission changes (pysogs's <c>user_permission_futures</c>, applied by the expiry
/// sweep), and pysogs's <c>room_metadata_update</c> trigger: a room's <c>info_updates</c> rises once per change of
/// its name, description or image, whoever writes it.
/// </summary>
internal static class PermissionSchema
{
    public static readonly Migration Migration = new(5, """
        CREATE TABLE user_permission_futures (
            room INTEGER NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
            "user" INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            at REAL NOT NULL,
            read INTEGER,
            write INTEGER,
            upload INTEGER);
        CREATE INDEX user_permission_futures_at ON user_permission_futures(at);
        CREATE INDEX user_permission_futures_room_user ON user_permission_futures(room, "user");

        CREATE TRIGGER room_metadata_update AFTER UPDATE ON rooms
        FOR EACH ROW WHEN NEW.name IS NOT OLD.name OR NEW.description IS NOT OLD.description OR NEW.image IS NOT OLD.image
        BEGIN
            UPDATE rooms SET info_updates = info_updates + 1 WHERE id = NEW.id;
        END;
        """);
}
