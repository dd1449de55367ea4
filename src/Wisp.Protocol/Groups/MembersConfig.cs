using Wisp.Crypto.Keys;

namespace Wisp.Protocol.Groups;

/// <summary>A group's members config (namespace 14, libsession's <c>groups::Members</c>).</summary>
public sealed class MembersConfig : ConfigBase
{
    /// <summary>An empty config, or one restored from <paramref name="dump"/>. Pass the admin key to be able to change it.</summary>
    public MembersConfig(Ed25519PublicKey groupPublicKey, Ed25519KeyPair? adminKey = null, byte[]? dump = null)
        : base(GroupConfigKind.Members, groupPublicKey, adminKey, dump)
    {
    }

    /// <summary>All members, in session ID byte order.</summary>
    public IReadOnlyList<GroupMember> Members => throw new NotImplementedException();

    /// <summary>The number of members.</summary>
    public int Count => throw new NotImplementedException();

    /// <summary>The member with this session ID ("05" + 64 hex), or null.</summary>
    public GroupMember? Get(string sessionId) => throw new NotImplementedException();

    /// <summary>Adds or replaces a member (as libsession's <c>Members::set</c>).</summary>
    public void Set(GroupMember member) => throw new NotImplementedException();

    /// <summary>Removes a member entirely; true if there was one.</summary>
    public bool Erase(string sessionId) => throw new NotImplementedException();

    /// <summary>The consolidated status, as libsession's <c>Members::get_status</c>.</summary>
    public GroupMemberStatus StatusOf(GroupMember member) => throw new NotImplementedException();

    /// <summary>The local pending-send flag (not in the config; kept in the dump), set while an invite or promotion
    /// is NotSent.</summary>
    public bool HasPendingSend(string sessionId) => throw new NotImplementedException();
}
