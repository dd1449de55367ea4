using Wisp.Crypto.Keys;

namespace Wisp.Protocol.Groups;

/// <summary>A group's info config (namespace 13, libsession's <c>groups::Info</c>).</summary>
public sealed class InfoConfig : ConfigBase
{
    /// <summary>An empty config, or one restored from <paramref name="dump"/>. Pass the admin key to be able to change it.</summary>
    public InfoConfig(Ed25519PublicKey groupPublicKey, Ed25519KeyPair? adminKey = null, byte[]? dump = null)
        : base(GroupConfigKind.Info, groupPublicKey, adminKey, dump)
    {
    }

    /// <summary>The current fields.</summary>
    public GroupInfo Info => throw new NotImplementedException();

    /// <summary>Writes every field (null, empty or false erases it); a change starts a new seqno.</summary>
    /// <exception cref="ArgumentException">The name exceeds 100 bytes, the description 2000, or a picture is malformed.</exception>
    public void Set(GroupInfo info) => throw new NotImplementedException();
}
