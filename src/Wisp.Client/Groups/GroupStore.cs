using Microsoft.Data.Sqlite;
using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Groups;

/// <summary>
/// The groups this account knows (migration 7): each group's row, its member list, the key generations held and where
/// polling each namespace left off. Secrets (seed, member auth data, keys) and names are encrypted columns.
/// </summary>
internal sealed class GroupStore(LocalStore db)
{
    private const string Columns = "group_id, name, description, role, invited_by, created, (SELECT MAX(generation) FROM group_keys k WHERE k.group_id = g.group_id)";

    /// <summary>A group, or null.</summary>
    public GroupView? Find(string groupId)
    {
        lock (db.Gate)
        {
            using var command = db.Command($"SELECT {Columns} FROM groups g WHERE group_id = $g", ("$g", groupId));
            using var reader = command.ExecuteReader();
            return reader.Read() ? Read(reader) : null;
        }
    }

    /// <summary>Every group, newest first.</summary>
    public IReadOnlyList<GroupView> All()
    {
        lock (db.Gate)
        {
            using var command = db.Command($"SELECT {Columns} FROM groups g ORDER BY created DESC, group_id");
            var groups = new List<GroupView>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
                groups.Add(Read(reader));
            return groups;
        }
    }

    /// <summary>Adds a group (or, for one known already, sets its role, auth data and inviter anew).</summary>
    public void Upsert(string groupId, string name, GroupRole role, ReadOnlySpan<byte> adminSeed, ReadOnlySpan<byte> memberAuth, AccountId? invitedBy, long nowMs)
    {
        var key = db.Key;
        var nameCell = ClientSchema.GroupName.EncryptText(key, groupId, name);
        byte[]? seedCell = adminSeed.IsEmpty ? null : ClientSchema.GroupAdminSeed.Encrypt(key, groupId, adminSeed);
        byte[]? authCell = memberAuth.IsEmpty ? null : ClientSchema.GroupMemberAuth.Encrypt(key, groupId, memberAuth);
        lock (db.Gate)
        {
            db.Execute("""
                INSERT INTO groups (group_id, name, role, admin_seed, member_auth, invited_by, created, updated)
                VALUES ($g, $name, $role, $seed, $auth, $by, $now, $now)
                ON CONFLICT (group_id) DO UPDATE SET name = excluded.name, role = excluded.role,
                    admin_seed = COALESCE(excluded.admin_seed, admin_seed), member_auth = COALESCE(excluded.member_auth, member_auth),
                    invited_by = COALESCE(excluded.invited_by, invited_by), updated = excluded.updated
                """, ("$g", groupId), ("$name", nameCell), ("$role", RoleText(role)), ("$seed", seedCell), ("$auth", authCell),
                ("$by", invitedBy?.Hex), ("$now", nowMs));
        }
    }

    /// <summary>Sets this account's role in the group.</summary>
    public void SetRole(string groupId, GroupRole role, long nowMs)
    {
        lock (db.Gate)
            db.Execute("UPDATE groups SET role = $role, updated = $now WHERE group_id = $g", ("$role", RoleText(role)), ("$now", nowMs), ("$g", groupId));
    }

    /// <summary>Sets the group's admin seed (a promotion) and makes this account an admin.</summary>
    public void SetAdminSeed(string groupId, ReadOnlySpan<byte> seed, long nowMs)
    {
        var cell = ClientSchema.GroupAdminSeed.Encrypt(db.Key, groupId, seed);
        lock (db.Gate)
            db.Execute("UPDATE groups SET admin_seed = $seed, role = 'admin', updated = $now WHERE group_id = $g", ("$seed", cell), ("$now", nowMs), ("$g", groupId));
    }

    /// <summary>Sets the name and, when not null, the description.</summary>
    public void SetInfo(string groupId, string name, string? description, long nowMs)
    {
        var nameCell = ClientSchema.GroupName.EncryptText(db.Key, groupId, name);
        var descriptionCell = description is null ? null : ClientSchema.GroupDescription.EncryptText(db.Key, groupId, description);
        lock (db.Gate)
        {
            db.Execute("UPDATE groups SET name = $name, description = COALESCE($d, description), updated = $now WHERE group_id = $g",
                ("$name", nameCell), ("$d", descriptionCell), ("$now", nowMs), ("$g", groupId));
        }
    }

    /// <summary>The admin seed, or null for a non-admin.</summary>
    public byte[]? AdminSeed(string groupId) => Secret(groupId, "admin_seed", ClientSchema.GroupAdminSeed);

    /// <summary>The member auth data (subaccount signing value), or null.</summary>
    public byte[]? MemberAuth(string groupId) => Secret(groupId, "member_auth", ClientSchema.GroupMemberAuth);

    /// <summary>The info (13) or members (14) config's dump, or null when none is kept yet.</summary>
    public byte[]? ConfigDump(string groupId, int ns) =>
        ns == GroupNamespaces.Info ? Secret(groupId, "info_dump", ClientSchema.GroupInfoDump) : Secret(groupId, "members_dump", ClientSchema.GroupMembersDump);

    /// <summary>Keeps the info (13) or members (14) config's dump.</summary>
    public void SetConfigDump(string groupId, int ns, ReadOnlySpan<byte> dump)
    {
        var (column, cell) = ns == GroupNamespaces.Info ? ("info_dump", ClientSchema.GroupInfoDump) : ("members_dump", ClientSchema.GroupMembersDump);
        var stored = cell.Encrypt(db.Key, groupId, dump);
        lock (db.Gate)
            db.Execute($"UPDATE groups SET {column} = $d WHERE group_id = $g", ("$d", stored), ("$g", groupId));
    }

    /// <summary>Deletes the group and everything kept for it (its conversation stays until deleted with it).</summary>
    public void Delete(string groupId)
    {
        lock (db.Gate)
            db.Execute("DELETE FROM groups WHERE group_id = $g", ("$g", groupId));
    }

    /// <summary>Sets one member's entry.</summary>
    public void SetMember(string groupId, AccountId member, bool admin, GroupMemberState status, long nowMs)
    {
        lock (db.Gate)
        {
            db.Execute("""
                INSERT INTO group_members (group_id, account_id, role, status, updated) VALUES ($g, $a, $role, $status, $now)
                ON CONFLICT (group_id, account_id) DO UPDATE SET role = excluded.role, status = excluded.status, updated = excluded.updated
                """, ("$g", groupId), ("$a", member.Hex), ("$role", admin ? "admin" : "member"), ("$status", StatusText(status)), ("$now", nowMs));
        }
    }

    /// <summary>The member list, admins first.</summary>
    public IReadOnlyList<GroupMemberView> Members(string groupId)
    {
        lock (db.Gate)
        {
            using var command = db.Command(
                "SELECT account_id, role, status FROM group_members WHERE group_id = $g ORDER BY role = 'member', account_id", ("$g", groupId));
            var members = new List<GroupMemberView>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (AccountId.TryParse(reader.GetString(0), out var id, out _))
                    members.Add(new GroupMemberView(id, reader.GetString(1) == "admin", ParseStatus(reader.GetString(2))));
            }
            return members;
        }
    }

    /// <summary>Keeps one generation's key.</summary>
    public void AddKey(string groupId, long generation, ReadOnlySpan<byte> key, long timestampMs)
    {
        var cell = ClientSchema.GroupKey.Encrypt(db.Key, $"{groupId}/{generation}", key);
        lock (db.Gate)
        {
            db.Execute("INSERT OR IGNORE INTO group_keys (group_id, generation, key, added) VALUES ($g, $gen, $key, $t)",
                ("$g", groupId), ("$gen", generation), ("$key", cell), ("$t", timestampMs));
        }
    }

    /// <summary>The keys held, newest generation first: (generation, key, timestamp).</summary>
    public IReadOnlyList<(long Generation, byte[] Key, long TimestampMs)> Keys(string groupId)
    {
        lock (db.Gate)
        {
            using var command = db.Command("SELECT generation, key, added FROM group_keys WHERE group_id = $g ORDER BY generation DESC", ("$g", groupId));
            var keys = new List<(long, byte[], long)>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var generation = reader.GetInt64(0);
                if (ClientSchema.GroupKey.TryDecrypt(db.Key, $"{groupId}/{generation}", (byte[])reader.GetValue(1), out var key))
                    keys.Add((generation, key, reader.GetInt64(2)));
            }
            return keys;
        }
    }

    /// <summary>Where polling <paramref name="ns"/> of the group on <paramref name="node"/> left off.</summary>
    public string? LastHash(string groupId, string node, int ns)
    {
        lock (db.Gate)
        {
            return db.Scalar("SELECT last_hash FROM group_poll_state WHERE group_id = $g AND node = $n AND namespace = $ns",
                ("$g", groupId), ("$n", node), ("$ns", ns)) as string;
        }
    }

    /// <summary>Records where polling left off.</summary>
    public void SetLastHash(string groupId, string node, int ns, string hash)
    {
        lock (db.Gate)
        {
            db.Execute("""
                INSERT INTO group_poll_state (group_id, node, namespace, last_hash) VALUES ($g, $n, $ns, $h)
                ON CONFLICT (group_id, node, namespace) DO UPDATE SET last_hash = excluded.last_hash
                """, ("$g", groupId), ("$n", node), ("$ns", ns), ("$h", hash));
        }
    }

    private byte[]? Secret(string groupId, string column, EncryptedColumn cell)
    {
        lock (db.Gate)
        {
            return db.Scalar($"SELECT {column} FROM groups WHERE group_id = $g", ("$g", groupId)) is byte[] stored
                && cell.TryDecrypt(db.Key, groupId, stored, out var value) ? value : null;
        }
    }

    private GroupView Read(SqliteDataReader reader)
    {
        var id = reader.GetString(0);
        var name = ClientSchema.GroupName.TryDecryptText(db.Key, id, (byte[])reader.GetValue(1), out var n) ? n : "(damaged name)";
        string? description = reader.IsDBNull(2) ? null
            : ClientSchema.GroupDescription.TryDecryptText(db.Key, id, (byte[])reader.GetValue(2), out var d) ? d : null;
        AccountId? by = !reader.IsDBNull(4) && AccountId.TryParse(reader.GetString(4), out var inviter, out _) ? inviter : null;
        return new GroupView(id, name, description, ParseRole(reader.GetString(3)), by, reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.GetInt64(5));
    }

    internal static string RoleText(GroupRole role) => role.ToString().ToLowerInvariant();

    private static GroupRole ParseRole(string text) => text switch
    {
        "admin" => GroupRole.Admin,
        "member" => GroupRole.Member,
        "invited" => GroupRole.Invited,
        "removed" => GroupRole.Removed,
        _ => GroupRole.Left,
    };

    private static string StatusText(GroupMemberState status) => status.ToString().ToLowerInvariant();

    private static GroupMemberState ParseStatus(string text) => text switch
    {
        "joined" => GroupMemberState.Joined,
        "removed" => GroupMemberState.Removed,
        _ => GroupMemberState.Invited,
    };
}
