using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Groups;

namespace Wisp.Protocol.UserConfig;

/// <summary>
/// The account's profile (namespace 2, libsession's <c>UserProfile</c>): <c>n</c> name, <c>p</c>/<c>q</c> picture URL and
/// key, <c>+</c> Note-to-Self priority, <c>e</c> Note-to-Self disappearing timer, <c>M</c> blinded message requests.
/// </summary>
public sealed class UserProfileConfig : UserConfigBase
{
    /// <summary>An empty profile, or one restored from <paramref name="dump"/>.</summary>
    public UserProfileConfig(Ed25519KeyPair account, byte[]? dump = null)
        : base(UserConfigKind.UserProfile, account, dump)
    {
    }

    /// <summary>The display name, or null.</summary>
    public string? Name => ConfigFields.NonEmptyString(Data, "n");

    /// <summary>The picture (URL and 32-byte key), or null.</summary>
    public GroupPicture? Picture => ConfigFields.Picture(Data);

    /// <summary>Note-to-Self's place in the list: 0 unpinned, -1 hidden, higher pinned higher.</summary>
    public long NoteToSelfPriority => UserConfigFields.Int(Data, "+");

    /// <summary>Note-to-Self's disappearing timer in seconds, or null.</summary>
    public long? NoteToSelfExpirySeconds => ConfigFields.Integer(Data, "e") is > 0 and var e ? e : null;

    /// <summary>Whether blinded message requests are wanted; null when never set.</summary>
    public bool? BlindedMessageRequests => ConfigFields.Integer(Data, "M") is { } m ? m != 0 : null;

    /// <summary>Sets the name (empty erases it).</summary>
    /// <exception cref="ArgumentException">Longer than 100 UTF-8 bytes.</exception>
    public void SetName(string? name)
    {
        if (name is not null && Encoding.UTF8.GetByteCount(name) > UserConfigFields.NameMaxBytes)
            throw new ArgumentException("Invalid profile name: exceeds maximum length", nameof(name));
        Change(d => ConfigFields.SetNonEmptyString(d, "n", name));
    }

    /// <summary>Sets the name, truncated to 100 UTF-8 bytes.</summary>
    public void SetNameTruncated(string? name) => SetName(name is null ? null : UserConfigFields.Truncate(name, UserConfigFields.NameMaxBytes));

    /// <summary>Sets the picture (null or an empty URL erases it).</summary>
    /// <exception cref="ArgumentException">The key is not 32 bytes or the URL is too long.</exception>
    public void SetPicture(GroupPicture? picture)
    {
        ConfigFields.CheckPicture(picture, nameof(picture));
        Change(d => ConfigFields.SetPicture(d, picture));
    }

    /// <summary>Sets Note-to-Self's priority (0 erases).</summary>
    public void SetNoteToSelfPriority(long priority) => Change(d => UserConfigFields.SetNonZero(d, "+", priority));

    /// <summary>Sets Note-to-Self's disappearing timer (null or 0 erases).</summary>
    public void SetNoteToSelfExpiry(long? seconds) => Change(d => ConfigFields.SetPositive(d, "e", seconds));

    /// <summary>Sets whether blinded message requests are wanted (null clears the choice).</summary>
    public void SetBlindedMessageRequests(bool? enabled) => Change(d =>
    {
        if (enabled is { } value)
            d.Set("M", new ConfigScalar(value ? 1 : 0));
        else
            d.Remove("M");
    });
}
