using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;
using Wisp.Protocol.UserConfig;

namespace Wisp.Client.Sync;

/// <summary>
/// Makes the local stores say what the merged configs say: the own name and picture, contacts (added, nicknamed,
/// approved, blocked, with their disappearing timers and names), contacts another device removed, and read positions.
/// It writes the stores directly, never through the front door, so nothing it writes is taken for a local change;
/// what the stores cannot hold (an over-long nickname, one another contact has) is skipped and stays in the config.
/// </summary>
internal static class ConfigApply
{
    /// <summary>Applies <paramref name="configs"/> over <paramref name="local"/> (the view now); true if anything changed.</summary>
    public static bool Apply(UserConfigs configs, LocalView local, AccountData data, AccountId self, long nowMs)
    {
        var changed = false;
        if (configs.Profile.Name is { } name && name != local.Name && data.Names.TrySet(self, name, nowMs, out _))
            changed = true;
        if (configs.Profile.Picture is { } picture
            && (picture.Url != local.PictureUrl || Convert.ToHexStringLower(picture.Key) != local.PictureKey))
        {
            data.ProfilePictures.Set(self, picture.Url, picture.Key, nowMs);
            changed = true;
        }

        var listed = new HashSet<string>(StringComparer.Ordinal);
        // Who holds each nickname, kept current as nicknames change here (one pass, not a search per contact).
        var holders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, view) in local.Contacts)
        {
            if (view.Nickname is { } held)
                holders.TryAdd(held, id);
        }
        foreach (var contact in configs.Contacts.All)
        {
            if (!AccountId.TryParse(contact.SessionId, out var peer, out _) || peer == self)
                continue;
            listed.Add(peer.Hex);
            changed |= ApplyContact(contact, peer, local.Contacts.GetValueOrDefault(peer.Hex), data, holders, nowMs);
        }
        // A contact this device had synced before and the merged list no longer has: another device removed it.
        foreach (var id in local.Contacts.Keys.Where(id => !listed.Contains(id)))
            changed |= data.Contacts.RemoveContact(AccountId.Parse(id));

        changed |= ApplyGroups(configs, local, data, nowMs);

        foreach (var read in configs.Convos.OneToOnes)
        {
            if (read.LastReadMs > local.LastRead.GetValueOrDefault(read.Id) && AccountId.TryParse(read.Id, out var peer, out _))
                changed |= MarkReadUpTo(data, peer, read.LastReadMs, nowMs) > 0;
        }
        return changed;
    }

    private static bool ApplyContact(
        ContactInfo contact, AccountId peer, ContactView? local, AccountData data, Dictionary<string, string> holders, long nowMs)
    {
        var changed = false;
        var db = data.Local;
        if (local is null)
        {
            lock (db.Gate)
            {
                db.Execute("INSERT INTO contacts (account_id, approved, created) VALUES ($id, $approved, $created) ON CONFLICT (account_id) DO NOTHING",
                    ("$id", peer.Hex), ("$approved", contact.Approved ? 1 : 0), ("$created", contact.Created > 0 ? contact.Created * 1000 : nowMs));
            }
            changed = true;
        }
        var nickname = contact.Nickname.Length == 0 ? null : contact.Nickname;
        if (nickname != local?.Nickname && CanHold(holders, peer, nickname))
        {
            if (local?.Nickname is { } previous)
                holders.Remove(previous);
            if (nickname is not null)
                holders[nickname] = peer.Hex;
            lock (db.Gate)
            {
                db.Execute("UPDATE contacts SET nickname = $nickname WHERE account_id = $id",
                    ("$nickname", nickname is null ? null : ClientSchema.ContactNickname.EncryptText(db.Key, peer.Hex, nickname)), ("$id", peer.Hex));
            }
            changed = true;
        }
        if (contact.Blocked && local?.Blocked != true)
            changed |= SetState(data, peer, ConversationState.Blocked, nowMs);
        else if (!contact.Blocked && local?.Blocked == true)
            changed |= SetState(data, peer, ConversationState.Accepted, nowMs);
        else if (contact.Approved && local?.Approved != true && !contact.Blocked)
            changed |= SetState(data, peer, ConversationState.Accepted, nowMs);

        var seconds = contact.ExpirationMode == ExpirationMode.None ? 0 : contact.ExpirationSeconds;
        if (seconds != (local?.DisappearSeconds ?? 0) && (seconds > 0 || data.Conversations.Find(peer) is not null))
        {
            var settings = data.Conversations.Find(peer)?.Settings ?? ConversationSettings.Default;
            data.Conversations.SetSettings(peer, settings with { DisappearAfter = seconds > 0 ? TimeSpan.FromSeconds(seconds) : null }, nowMs);
            changed = true;
        }
        if (contact.Name.Length > 0 && contact.Name != local?.Name)
        {
            data.Names.Received(peer, contact.Name, nowMs);
            changed = true;
        }
        return changed;
    }

    private static bool ApplyGroups(UserConfigs configs, LocalView local, AccountData data, long nowMs)
    {
        var changed = false;
        var groups = new Groups.GroupStore(data.Local);
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in configs.Groups.Groups)
        {
            listed.Add(group.GroupId);
            var mine = local.Groups.GetValueOrDefault(group.GroupId);
            if (mine is null)
            {
                // Joined on another device: the group poller takes it from here (keys, configs, messages).
                var role = group.AdminSeed is not null ? Groups.GroupRole.Admin
                    : group.AuthData is not null && !group.Invited ? Groups.GroupRole.Member
                    : Groups.GroupRole.Invited;
                groups.Upsert(group.GroupId, group.Name, role, group.AdminSeed, group.AuthData, null, group.JoinedAt > 0 ? group.JoinedAt * 1000 : nowMs);
                changed = true;
            }
            else if (group.AdminSeed is { } seed && mine.AdminSeed is null && mine.Active)
            {
                groups.SetAdminSeed(group.GroupId, seed, nowMs); // promoted, seen on another device
                groups.SetRole(group.GroupId, Groups.GroupRole.Admin, nowMs);
                changed = true;
            }
        }
        // A membership this device had synced and the merged list no longer has: left (or removed) on another device.
        foreach (var (id, _) in local.Groups.Where(g => g.Value.Active && !listed.Contains(g.Key)))
        {
            groups.SetRole(id, Groups.GroupRole.Left, nowMs);
            changed = true;
        }
        return changed;
    }

    // Wisp's nickname rules (length, no Account ID look-alikes, unique ignoring case) are stricter than libsession's.
    private static bool CanHold(Dictionary<string, string> holders, AccountId peer, string? nickname)
    {
        if (nickname is null)
            return true;
        if (ContactStore.CheckNickname(nickname) is not null)
            return false;
        return !holders.TryGetValue(nickname, out var holder) || holder == peer.Hex;
    }

    private static bool SetState(AccountData data, AccountId peer, ConversationState state, long nowMs)
    {
        data.Conversations.SetState(peer, state, nowMs);
        return true;
    }

    private static int MarkReadUpTo(AccountData data, AccountId peer, long lastReadMs, long nowMs)
    {
        var db = data.Local;
        lock (db.Gate)
        {
            return db.Execute("""
                UPDATE messages SET read_at = $now
                WHERE direction = 'in' AND read_at IS NULL AND sent_at <= $last
                  AND conversation = (SELECT id FROM conversations WHERE kind = 'direct' AND peer = $peer)
                """, ("$now", nowMs), ("$last", lastReadMs), ("$peer", peer.Hex));
        }
    }
}
