using System.Text;
using Wisp.Protocol.Groups;
using Wisp.Protocol.UserConfig;

namespace Wisp.Client.Sync;

/// <summary>
/// Writes this device's changes into the configs: what differs between the local view kept at the last sync and the
/// view now. Values that did not change here are left alone, so a remote change (or one the local stores cannot hold,
/// such as a nickname longer than Wisp allows) is never undone.
/// </summary>
internal static class ConfigReconcile
{
    public static void Apply(LocalView before, LocalView now, UserConfigs configs, long nowMs)
    {
        if (now.Name != before.Name)
            configs.Profile.SetNameTruncated(now.Name);
        if (now.PictureUrl != before.PictureUrl || now.PictureKey != before.PictureKey)
        {
            configs.Profile.SetPicture(now.PictureUrl is { Length: > 0 and <= ConfigLimits.PictureUrlMaxBytes } url && now.PictureKey is { } key
                ? new GroupPicture(url, Convert.FromHexString(key))
                : null);
        }

        foreach (var (id, contact) in now.Contacts)
        {
            var old = before.Contacts.GetValueOrDefault(id);
            if (contact == old)
                continue;
            var entry = configs.Contacts.GetOrConstruct(id);
            if (contact.Nickname != old?.Nickname)
                entry = entry with { Nickname = Truncate(contact.Nickname ?? "") };
            if (contact.Name != old?.Name && contact.Name is { Length: > 0 } name)
                entry = entry with { Name = name };
            if (contact.Approved != old?.Approved)
                entry = entry with { Approved = contact.Approved };
            if (contact.Blocked != old?.Blocked)
                entry = entry with { Blocked = contact.Blocked };
            if (contact.DisappearSeconds != (old?.DisappearSeconds ?? 0))
            {
                // Wisp's timer runs from the sending time: Session's "delete after send".
                entry = entry with
                {
                    ExpirationMode = contact.DisappearSeconds > 0 ? ExpirationMode.AfterSend : ExpirationMode.None,
                    ExpirationSeconds = contact.DisappearSeconds,
                };
            }
            if (entry.Created == 0 && contact.CreatedMs > 0)
                entry = entry with { Created = contact.CreatedMs / 1000 };
            configs.Contacts.Set(entry);
        }
        foreach (var id in before.Contacts.Keys.Where(id => !now.Contacts.ContainsKey(id)))
            configs.Contacts.Erase(id);

        foreach (var (id, group) in now.Groups)
        {
            var old = before.Groups.GetValueOrDefault(id);
            if (group == old)
                continue;
            if (!group.Active)
            {
                if (old?.Active == true)
                    configs.Groups.Erase(id); // left or removed here: gone from every device's list, as Session does
                continue;
            }
            configs.Groups.Set((configs.Groups.Get(id) ?? new UserGroupInfo(id)) with
            {
                Name = group.Name,
                AdminSeed = group.AdminSeed is { } seed ? Convert.FromHexString(seed) : null,
                AuthData = group.MemberAuth is { } auth ? Convert.FromHexString(auth) : null,
                JoinedAt = group.CreatedMs / 1000,
                Invited = group.Role == nameof(Groups.GroupRole.Invited),
            });
        }
        foreach (var id in before.Groups.Keys.Where(id => !now.Groups.ContainsKey(id)))
            configs.Groups.Erase(id);

        foreach (var (peer, lastRead) in now.LastRead)
        {
            if (lastRead > before.LastRead.GetValueOrDefault(peer) && lastRead > (configs.Convos.GetOneToOne(peer)?.LastReadMs ?? 0))
                configs.Convos.SetOneToOne(new ConversationReadState(peer, lastRead, false), nowMs);
        }
    }

    private static string Truncate(string text)
    {
        const int max = 100; // contact_info::MAX_NAME_LENGTH, in UTF-8 bytes
        while (Encoding.UTF8.GetByteCount(text) > max)
            text = text[..(char.IsLowSurrogate(text[^1]) ? text.Length - 2 : text.Length - 1)];
        return text;
    }
}
