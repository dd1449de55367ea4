using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Bencode;

namespace Wisp.Protocol.Groups;

/// <summary>A group's members config (namespace 14, libsession's <c>groups::Members</c>).</summary>
public sealed class MembersConfig : ConfigBase
{
    private const int SessionIdBytes = 33;
    private readonly SortedSet<string> _pendingSend = new(StringComparer.Ordinal);

    /// <summary>An empty config, or one restored from <paramref name="dump"/>. Pass the admin key to be able to change it.</summary>
    public MembersConfig(Ed25519PublicKey groupPublicKey, Ed25519KeyPair? adminKey = null, byte[]? dump = null)
        : base(GroupConfigKind.Members, groupPublicKey, adminKey, dump)
    {
    }

    private ConfigDict? MemberDict => Data["m"] as ConfigDict;

    /// <summary>All members, in session ID byte order. Entries this version cannot read (wrong key size, not a
    /// dictionary) are skipped, as libsession's iterator skips them.</summary>
    public IReadOnlyList<GroupMember> Members =>
        MemberDict is { } m
            ? [.. m.Entries.Where(e => e.Key.Length == SessionIdBytes && e.Value is ConfigDict)
                .Select(e => Load(Convert.ToHexStringLower(e.Key), (ConfigDict)e.Value))]
            : [];

    /// <summary>The number of entries under <c>m</c>.</summary>
    public int Count => MemberDict?.Entries.Count ?? 0;

    /// <summary>The member with this session ID ("05" + 64 hex), or null.</summary>
    /// <exception cref="ArgumentException">Not a session ID.</exception>
    public GroupMember? Get(string sessionId)
    {
        var key = SessionIdBytesOf(sessionId);
        return MemberDict?.Entries.GetValueOrDefault(key) is ConfigDict info ? Load(sessionId, info) : null;
    }

    /// <summary>Adds or replaces a member (libsession's <c>Members::set</c>).</summary>
    /// <exception cref="ArgumentException">Not a session ID, or a malformed picture.</exception>
    /// <exception cref="InvalidOperationException">The config is read-only.</exception>
    public void Set(GroupMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        var key = SessionIdBytesOf(member.SessionId);
        ConfigFields.CheckPicture(member.Picture, nameof(member));
        // Only this member's entry is built and compared, so adding members one by one stays cheap for large groups.
        var current = MemberDict?.Entries.GetValueOrDefault(key) as ConfigDict;
        var info = current?.CloneDict() ?? new ConfigDict();

        // The name is always written (even empty) so the entry is never pruned away; truncated by bytes, as libsession.
        var name = Encoding.UTF8.GetBytes(member.Name ?? "");
        info.Set("n", new ConfigScalar(name.Length > ConfigLimits.MemberNameMaxBytes ? name[..ConfigLimits.MemberNameMaxBytes] : name));
        ConfigFields.SetPicture(info, member.Picture);
        ConfigFields.SetFlag(info, "A", member.Admin);
        ConfigFields.SetPositive(info, "P", (long)member.Promotion);
        ConfigFields.SetPositive(info, "I", member.Admin ? 0 : (long)member.Invite);
        ConfigFields.SetFlag(info, "s", member.Supplement);
        ConfigFields.SetPositive(info, "R", (long)member.Removed);
        info.Prune();
        if (current is null || !info.SameAs(current))
        {
            var data = EditableData();
            if (data["m"] is not ConfigDict members)
                data.Set("m", members = new ConfigDict());
            members.Entries[key] = info;
        }

        var pending = member.Admin ? member.Promotion == GroupInviteStatus.NotSent : member.Invite == GroupInviteStatus.NotSent;
        SetPendingSend(member.SessionId, pending);
    }

    /// <summary>Removes a member entirely; true if there was one.</summary>
    /// <exception cref="InvalidOperationException">The config is read-only and the member exists.</exception>
    public bool Erase(string sessionId)
    {
        var key = SessionIdBytesOf(sessionId);
        var existed = MemberDict?.Entries.ContainsKey(key) ?? false;
        if (existed)
            ((ConfigDict)EditableData()["m"]!).Entries.Remove(key);
        SetPendingSend(sessionId, false);
        return existed;
    }

    /// <summary>The consolidated status, as libsession's <c>Members::get_status</c>.</summary>
    public GroupMemberStatus StatusOf(GroupMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        switch (member.Removed)
        {
            case GroupRemovedStatus.RemovedWithMessages:
                return GroupMemberStatus.RemovedIncludingMessages;
            case GroupRemovedStatus.Removed:
                return GroupMemberStatus.Removed;
            case > 0:
                return GroupMemberStatus.RemovedUnknown;
        }
        var pending = HasPendingSend(member.SessionId);
        if (member.Admin)
        {
            return member.Promotion switch
            {
                GroupInviteStatus.NotSent => pending ? GroupMemberStatus.PromotionSending : GroupMemberStatus.PromotionNotSent,
                GroupInviteStatus.Failed => GroupMemberStatus.PromotionFailed,
                GroupInviteStatus.Sent => GroupMemberStatus.PromotionSent,
                GroupInviteStatus.None => GroupMemberStatus.PromotionAccepted,
                _ => GroupMemberStatus.PromotionUnknown,
            };
        }
        return member.Invite switch
        {
            GroupInviteStatus.NotSent => pending ? GroupMemberStatus.InviteSending : GroupMemberStatus.InviteNotSent,
            GroupInviteStatus.Failed => GroupMemberStatus.InviteFailed,
            GroupInviteStatus.Sent => GroupMemberStatus.InviteSent,
            GroupInviteStatus.None => GroupMemberStatus.InviteAccepted,
            _ => GroupMemberStatus.InviteUnknown,
        };
    }

    /// <summary>The local pending-send flag (not in the config; kept in the dump), set while an invite or promotion
    /// is NotSent.</summary>
    public bool HasPendingSend(string sessionId) => _pendingSend.Contains(sessionId.ToLowerInvariant());

    private void SetPendingSend(string sessionId, bool pending)
    {
        sessionId = sessionId.ToLowerInvariant();
        if (pending ? _pendingSend.Add(sessionId) : _pendingSend.Remove(sessionId))
            MarkNeedsDump();
    }

    private protected override IEnumerable<KeyValuePair<ReadOnlyMemory<byte>, BencodeValue>> ExtraDumpData() =>
        _pendingSend.Count == 0
            ? []
            : [ConfigMessage.Entry("pending_send_ids", new BencodeList([.. _pendingSend.Select(BencodeString.FromUtf8)]))];

    private protected override void LoadExtraDumpData(BencodeDictionary extra)
    {
        if (extra.TryGetValue("pending_send_ids", out var ids) && ids is BencodeList list)
            _pendingSend.UnionWith(list.Items.OfType<BencodeString>().Select(s => s.ToUtf8()));
    }

    // libsession's member::load: an admin has no invite status; the supplement flag only counts on a pending invite.
    private static GroupMember Load(string sessionId, ConfigDict info)
    {
        var admin = ConfigFields.Integer(info, "A") is { } a && a != 0;
        var invite = admin ? 0 : ConfigFields.Integer(info, "I") ?? 0;
        var promotion = ConfigFields.Integer(info, "P") ?? 0;
        return new GroupMember(sessionId)
        {
            Name = info["n"] is ConfigScalar { Bytes: { } name } ? Encoding.UTF8.GetString(name) : "",
            Picture = ConfigFields.Picture(info),
            Admin = admin,
            Invite = (GroupInviteStatus)invite,
            Promotion = (GroupInviteStatus)promotion,
            Removed = (GroupRemovedStatus)(ConfigFields.Integer(info, "R") ?? 0),
            Supplement = invite > 0 && !(admin || promotion > 0) && ConfigFields.Integer(info, "s") is { } s && s != 0,
        };
    }

    private static byte[] SessionIdBytesOf(string sessionId)
    {
        ArgumentNullException.ThrowIfNull(sessionId);
        if (sessionId.Length != 66 || !sessionId.StartsWith("05", StringComparison.Ordinal) || !sessionId.All(char.IsAsciiHexDigit))
            throw new ArgumentException($"Invalid session ID: expected 66 hex digits starting with 05; got {sessionId}", nameof(sessionId));
        return Convert.FromHexString(sessionId);
    }
}
