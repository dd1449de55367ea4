using Wisp.Community.Storage;

namespace Wisp.Community.Moderation;

/// <summary>
/// Step 2: scheduled bans and unbans (<c>user_ban_futures</c>: a ban with a timeout is a ban now and an unban at its
/// end), and pysogs's triggers on the moderator and ban columns, kept as triggers because every writer of those
/// columns (the routes, the admin command, the sweeper) must keep them: admin implies moderator, an override row with
/// nothing left in it goes, a banned user leaves the room's active users, and a change of a room's (or every room's,
/// for a global change) moderators bumps its <c>info_updates</c> so pollers fetch the new lists.
/// </summary>
internal static class ModerationSchema
{
    public static readonly Migration Migration = new(2, """
        CREATE TABLE user_ban_futures (
            room INTEGER REFERENCES rooms(id) ON DELETE CASCADE,
            "user" INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
            at REAL NOT NULL,
            banned INTEGER NOT NULL);
        CREATE INDEX user_ban_futures_at ON user_ban_futures(at);
        CREATE INDEX user_ban_futures_room_user ON user_ban_futures(room, "user");

        CREATE TRIGGER user_update_admins_are_mods AFTER UPDATE OF moderator, admin ON users
        FOR EACH ROW WHEN NEW.admin AND NOT NEW.moderator
        BEGIN
            UPDATE users SET moderator = 1 WHERE id = NEW.id;
        END;

        CREATE TRIGGER user_perms_update_admins_are_mods AFTER UPDATE OF moderator, admin ON user_permission_overrides
        FOR EACH ROW WHEN NEW.admin AND NOT NEW.moderator
        BEGIN
            UPDATE user_permission_overrides SET moderator = 1 WHERE room = NEW.room AND "user" = NEW."user";
        END;
        CREATE TRIGGER user_perms_insert_admins_are_mods AFTER INSERT ON user_permission_overrides
        FOR EACH ROW WHEN NEW.admin AND NOT NEW.moderator
        BEGIN
            UPDATE user_permission_overrides SET moderator = 1 WHERE room = NEW.room AND "user" = NEW."user";
        END;

        CREATE TRIGGER user_perms_empty_cleanup AFTER UPDATE ON user_permission_overrides
        FOR EACH ROW WHEN NOT (NEW.banned OR NEW.moderator OR NEW.admin)
            AND COALESCE(NEW.accessible, NEW.read, NEW.write, NEW.upload) IS NULL
        BEGIN
            DELETE FROM user_permission_overrides WHERE room = NEW.room AND "user" = NEW."user";
        END;

        CREATE TRIGGER room_users_remove_banned AFTER UPDATE OF banned ON user_permission_overrides
        FOR EACH ROW WHEN NEW.banned
        BEGIN
            DELETE FROM room_users WHERE room = NEW.room AND "user" = NEW."user";
        END;

        CREATE TRIGGER room_metadata_mods_insert AFTER INSERT ON user_permission_overrides
        FOR EACH ROW WHEN NEW.moderator OR NEW.admin
        BEGIN
            UPDATE rooms SET info_updates = info_updates + 1 WHERE id = NEW.room;
        END;
        CREATE TRIGGER room_metadata_mods_update AFTER UPDATE ON user_permission_overrides
        FOR EACH ROW WHEN NEW.moderator != OLD.moderator OR NEW.admin != OLD.admin
        BEGIN
            UPDATE rooms SET info_updates = info_updates + 1 WHERE id = NEW.room;
        END;
        CREATE TRIGGER room_metadata_mods_delete AFTER DELETE ON user_permission_overrides
        FOR EACH ROW WHEN OLD.moderator OR OLD.admin
        BEGIN
            UPDATE rooms SET info_updates = info_updates + 1 WHERE id = OLD.room;
        END;

        CREATE TRIGGER room_metadata_global_mods_update AFTER UPDATE ON users
        FOR EACH ROW WHEN NEW.moderator != OLD.moderator OR NEW.admin != OLD.admin OR NEW.visible_mod != OLD.visible_mod
        BEGIN
            UPDATE rooms SET info_updates = info_updates + 1;
        END;
        """);
}
