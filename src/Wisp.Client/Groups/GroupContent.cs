using System.Globalization;
using System.Text;
using Google.Protobuf;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Content;

namespace Wisp.Client.Groups;

/// <summary>
/// Session's group control messages (<c>GroupUpdateMessage</c> inside a <c>DataMessage</c>) and the admin signatures
/// they carry: <c>"INVITE" ‖ invitee Account ID (hex) ‖ timestamp</c>, <c>"MEMBER_CHANGE" ‖ type ‖ timestamp</c> and
/// <c>"INFO_CHANGE" ‖ type ‖ timestamp</c> (timestamps in decimal Unix ms, the message's own), signed with the group's key.
/// </summary>
internal static class GroupContent
{
    /// <summary>A 1:1 invite for <paramref name="invitee"/> carrying its subaccount signing value.</summary>
    public static Content Invite(Ed25519KeyPair group, string groupId, string name, AccountId invitee, byte[] memberAuth, long sentAtMs) =>
        Wrap(new GroupUpdateMessage
        {
            InviteMessage = new GroupUpdateInviteMessage
            {
                GroupSessionId = groupId,
                Name = name,
                MemberAuthData = ByteString.CopyFrom(memberAuth),
                AdminSignature = Sign(group, "INVITE" + invitee.Hex + Decimal(sentAtMs)),
            },
        }, sentAtMs);

    /// <summary>A 1:1 promotion: the group's seed, so the member becomes an admin.</summary>
    public static Content Promote(ReadOnlySpan<byte> groupSeed, string name, long sentAtMs) =>
        Wrap(new GroupUpdateMessage
        {
            PromoteMessage = new GroupUpdatePromoteMessage { GroupIdentitySeed = ByteString.CopyFrom(groupSeed), Name = name },
        }, sentAtMs);

    /// <summary>A member change (added, removed, promoted), signed by an admin, for the group's swarm.</summary>
    public static Content MemberChange(Ed25519KeyPair group, GroupUpdateMemberChangeMessage.Types.Type type, IEnumerable<AccountId> members, long sentAtMs)
    {
        var change = new GroupUpdateMemberChangeMessage
        {
            Type = type,
            AdminSignature = Sign(group, "MEMBER_CHANGE" + Decimal((int)type) + Decimal(sentAtMs)),
        };
        change.MemberSessionIds.AddRange(members.Select(m => m.Hex));
        return Wrap(new GroupUpdateMessage { MemberChangeMessage = change }, sentAtMs);
    }

    /// <summary>A rename, signed by an admin, for the group's swarm.</summary>
    public static Content Renamed(Ed25519KeyPair group, string name, long sentAtMs) =>
        Wrap(new GroupUpdateMessage
        {
            InfoChangeMessage = new GroupUpdateInfoChangeMessage
            {
                Type = GroupUpdateInfoChangeMessage.Types.Type.Name,
                UpdatedName = name,
                AdminSignature = Sign(group, "INFO_CHANGE" + Decimal((int)GroupUpdateInfoChangeMessage.Types.Type.Name) + Decimal(sentAtMs)),
            },
        }, sentAtMs);

    /// <summary>A member leaving, for the group's swarm.</summary>
    public static Content MemberLeft(long sentAtMs) => Wrap(new GroupUpdateMessage { MemberLeftMessage = new GroupUpdateMemberLeftMessage() }, sentAtMs);

    /// <summary>An invitee's answer, for the group's swarm.</summary>
    public static Content InviteResponse(bool approved, long sentAtMs) =>
        Wrap(new GroupUpdateMessage { InviteResponse = new GroupUpdateInviteResponseMessage { IsApproved = approved } }, sentAtMs);

    /// <summary>True when the invite carries the group's signature for <paramref name="invitee"/>.</summary>
    public static bool InviteSigned(Ed25519PublicKey group, GroupUpdateInviteMessage invite, AccountId invitee, long sentAtMs) =>
        Ed25519.Verify(group, Encoding.UTF8.GetBytes("INVITE" + invitee.Hex + Decimal(sentAtMs)), invite.AdminSignature.Span);

    /// <summary>True when the member change carries the group's signature.</summary>
    public static bool MemberChangeSigned(Ed25519PublicKey group, GroupUpdateMemberChangeMessage change, long sentAtMs) =>
        Ed25519.Verify(group, Encoding.UTF8.GetBytes("MEMBER_CHANGE" + Decimal((int)change.Type) + Decimal(sentAtMs)), change.AdminSignature.Span);

    /// <summary>True when the info change carries the group's signature.</summary>
    public static bool InfoChangeSigned(Ed25519PublicKey group, GroupUpdateInfoChangeMessage change, long sentAtMs) =>
        Ed25519.Verify(group, Encoding.UTF8.GetBytes("INFO_CHANGE" + Decimal((int)change.Type) + Decimal(sentAtMs)), change.AdminSignature.Span);

    private static Content Wrap(GroupUpdateMessage update, long sentAtMs) =>
        new() { DataMessage = new DataMessage { GroupUpdateMessage = update, Timestamp = (ulong)sentAtMs } };

    private static ByteString Sign(Ed25519KeyPair group, string text) => ByteString.CopyFrom(Ed25519.Sign(group, Encoding.UTF8.GetBytes(text)));

    private static string Decimal(long value) => value.ToString(CultureInfo.InvariantCulture);
}
