using System.Text;
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
    public GroupInfo Info => new()
    {
        Name = ConfigFields.NonEmptyString(Data, "n"),
        Description = ConfigFields.NonEmptyString(Data, "o"),
        Picture = ConfigFields.Picture(Data),
        ExpiryTimerSeconds = ConfigFields.Integer(Data, "E"),
        Created = ConfigFields.Integer(Data, "c"),
        DeleteBefore = ConfigFields.Integer(Data, "d"),
        DeleteAttachmentsBefore = ConfigFields.Integer(Data, "D"),
        Destroyed = ConfigFields.Integer(Data, "!") > 0,
    };

    /// <summary>Writes every field (null, empty, non-positive or false erases it); a change starts a new seqno.</summary>
    /// <exception cref="ArgumentException">The name exceeds 100 bytes, the description 2000, or a picture is malformed.</exception>
    /// <exception cref="InvalidOperationException">The config is read-only.</exception>
    public void Set(GroupInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Name is not null && Encoding.UTF8.GetByteCount(info.Name) > ConfigLimits.NameMaxBytes)
            throw new ArgumentException("Invalid group name: exceeds maximum length", nameof(info));
        if (info.Description is not null && Encoding.UTF8.GetByteCount(info.Description) > ConfigLimits.DescriptionMaxBytes)
            throw new ArgumentException("Invalid group description: exceeds maximum length", nameof(info));
        ConfigFields.CheckPicture(info.Picture, nameof(info));
        Change(data =>
        {
            ConfigFields.SetNonEmptyString(data, "n", info.Name);
            ConfigFields.SetNonEmptyString(data, "o", info.Description);
            ConfigFields.SetPicture(data, info.Picture);
            ConfigFields.SetPositive(data, "E", info.ExpiryTimerSeconds);
            ConfigFields.SetPositive(data, "c", info.Created);
            ConfigFields.SetPositive(data, "d", info.DeleteBefore);
            ConfigFields.SetPositive(data, "D", info.DeleteAttachmentsBefore);
            ConfigFields.SetPositive(data, "!", info.Destroyed ? 1 : 0);
        });
    }
}
