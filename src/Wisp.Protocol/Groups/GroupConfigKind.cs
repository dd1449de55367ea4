namespace Wisp.Protocol.Groups;

/// <summary>The two group configs libsession keeps in a group's swarm; the value is the storage namespace.</summary>
public enum GroupConfigKind
{
    /// <summary>The group's info (name, description, picture, timers, destroyed): namespace 13.</summary>
    Info = 13,

    /// <summary>The group's member list: namespace 14.</summary>
    Members = 14,
}
