using System.Text.Json;
using System.Text.Json.Serialization;
using Wisp.Client.Conversations;
using Wisp.Client.LocalData;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Sync;

/// <summary>
/// What the local stores hold of what user configs carry: the account's own name and picture, each contact (nickname,
/// display name, approved, blocked, disappearing timer) and each conversation's read position. A sync compares the
/// view now with the one kept at the last sync: the differences are this device's changes, the rest is left to remote
/// ones.
/// </summary>
internal sealed class LocalView
{
    [JsonPropertyName("name")] public string? Name { get; set; }

    [JsonPropertyName("picture_url")] public string? PictureUrl { get; set; }

    [JsonPropertyName("picture_key")] public string? PictureKey { get; set; }

    [JsonPropertyName("contacts")] public Dictionary<string, ContactView> Contacts { get; set; } = [];

    [JsonPropertyName("groups")] public Dictionary<string, GroupEntryView> Groups { get; set; } = [];

    /// <summary>Per peer: the sent time (Unix ms) of the newest incoming message read.</summary>
    [JsonPropertyName("last_read")] public Dictionary<string, long> LastRead { get; set; } = [];

    public static LocalView Read(AccountData data, AccountId self)
    {
        var view = new LocalView { Name = data.Names.Get(self) };
        if (data.ProfilePictures.Get(self) is { } picture)
        {
            view.PictureUrl = picture.Url;
            view.PictureKey = Convert.ToHexStringLower(picture.Key);
        }
        var names = data.Names.All();
        var db = data.Local;
        var groups = new Groups.GroupStore(db);
        foreach (var group in groups.All())
        {
            view.Groups[group.Id] = new GroupEntryView
            {
                Name = group.Name,
                Role = group.Role.ToString(),
                AdminSeed = groups.AdminSeed(group.Id) is { } seed ? Convert.ToHexStringLower(seed) : null,
                MemberAuth = groups.MemberAuth(group.Id) is { } auth ? Convert.ToHexStringLower(auth) : null,
                CreatedMs = group.CreatedMs,
            };
        }
        lock (db.Gate)
        {
            using (var command = db.Command("""
                SELECT c.account_id, c.nickname, c.approved, c.blocked, c.created, COALESCE(v.disappear_seconds, 0)
                FROM contacts c LEFT JOIN conversations v ON v.kind = 'direct' AND v.peer = c.account_id
                """))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    var id = reader.GetString(0);
                    string? nickname = null;
                    if (!reader.IsDBNull(1) && ClientSchema.ContactNickname.TryDecryptText(db.Key, id, (byte[])reader.GetValue(1), out var text))
                        nickname = text;
                    if (id == self.Hex || !AccountId.TryParse(id, out var peer, out _))
                        continue;
                    view.Contacts[id] = new ContactView
                    {
                        Nickname = nickname,
                        Name = names.GetValueOrDefault(peer),
                        Approved = reader.GetInt64(2) != 0,
                        Blocked = reader.GetInt64(3) != 0,
                        CreatedMs = reader.GetInt64(4),
                        DisappearSeconds = reader.GetInt64(5),
                    };
                }
            }
            using (var command = db.Command("""
                SELECT v.peer, MAX(m.sent_at) FROM messages m JOIN conversations v ON v.id = m.conversation
                WHERE v.kind = 'direct' AND m.direction = 'in' AND m.read_at IS NOT NULL GROUP BY v.peer
                """))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                    view.LastRead[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        return view;
    }

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, LocalViewJson.Default.LocalView);

    /// <summary>The kept view, or an empty one (before the first sync, or if it cannot be read: then every local value counts as a change).</summary>
    public static LocalView Parse(byte[]? stored)
    {
        if (stored is null)
            return new LocalView();
        try
        {
            return JsonSerializer.Deserialize(stored, LocalViewJson.Default.LocalView) ?? new LocalView();
        }
        catch (JsonException)
        {
            return new LocalView();
        }
    }
}

/// <summary>One contact as the local stores hold it.</summary>
internal sealed record ContactView
{
    [JsonPropertyName("nickname")] public string? Nickname { get; init; }

    [JsonPropertyName("name")] public string? Name { get; init; }

    [JsonPropertyName("approved")] public bool Approved { get; init; }

    [JsonPropertyName("blocked")] public bool Blocked { get; init; }

    [JsonPropertyName("created_ms")] public long CreatedMs { get; init; }

    [JsonPropertyName("disappear_seconds")] public long DisappearSeconds { get; init; }
}

/// <summary>One group membership as the local stores hold it (the view is encrypted at rest, secrets included).</summary>
internal sealed record GroupEntryView
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";

    [JsonPropertyName("role")] public string Role { get; init; } = "";

    [JsonPropertyName("admin_seed")] public string? AdminSeed { get; init; }

    [JsonPropertyName("member_auth")] public string? MemberAuth { get; init; }

    [JsonPropertyName("created_ms")] public long CreatedMs { get; init; }

    /// <summary>Admin, member or invited (not left or removed).</summary>
    [JsonIgnore] public bool Active => Role is nameof(Groups.GroupRole.Admin) or nameof(Groups.GroupRole.Member) or nameof(Groups.GroupRole.Invited);
}

[JsonSerializable(typeof(LocalView))]
internal sealed partial class LocalViewJson : JsonSerializerContext;
