using System.Text;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Groups;

namespace Wisp.Protocol.UserConfig;

/// <summary>
/// The account's contacts (namespace 3, libsession's <c>Contacts</c>): under <c>c</c>, each 33-byte Session ID maps to
/// <c>n</c> name (always written, to keep the entry alive), <c>N</c> nickname, <c>p</c>/<c>q</c> picture, <c>a</c>
/// approved, <c>A</c> approved me, <c>b</c> blocked, <c>+</c> priority, <c>@</c> notifications, <c>!</c> mute until,
/// <c>e</c>/<c>E</c> disappearing mode and seconds, <c>j</c> created.
/// </summary>
public sealed class ContactsConfig : UserConfigBase
{
    private const byte SessionIdPrefix = 0x05;

    /// <summary>An empty contact list, or one restored from <paramref name="dump"/>.</summary>
    public ContactsConfig(Ed25519KeyPair account, byte[]? dump = null)
        : base(UserConfigKind.Contacts, account, dump)
    {
    }

    /// <summary>How many contacts there are.</summary>
    public int Count => UserConfigFields.Child(Data, "c")?.Entries.Count ?? 0;

    /// <summary>Every contact, in Session ID order (entries libsession would skip are skipped).</summary>
    public IEnumerable<ContactInfo> All
    {
        get
        {
            if (UserConfigFields.Child(Data, "c") is not { } contacts)
                yield break;
            foreach (var (key, value) in contacts.Entries)
            {
                if (key.Length == 33 && value is ConfigDict info)
                    yield return Load(Convert.ToHexStringLower(key), info);
            }
        }
    }

    /// <summary>The contact, or null.</summary>
    /// <exception cref="ArgumentException">Not a 05-prefixed Session ID.</exception>
    public ContactInfo? Get(string sessionId)
    {
        var key = UserConfigFields.SessionIdBytes(sessionId, SessionIdPrefix);
        return UserConfigFields.Child(Data, "c") is { } c && UserConfigFields.Child(c, key) is { } info
            ? Load(sessionId.ToLowerInvariant(), info)
            : null;
    }

    /// <summary>The contact, or a new empty one.</summary>
    public ContactInfo GetOrConstruct(string sessionId) => Get(sessionId) ?? new ContactInfo(sessionId.ToLowerInvariant());

    /// <summary>Writes the contact's every field; a change starts a new seqno.</summary>
    /// <exception cref="ArgumentException">Bad Session ID, a nickname over 100 bytes, or a malformed picture.</exception>
    public void Set(ContactInfo contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var key = UserConfigFields.SessionIdBytes(contact.SessionId, SessionIdPrefix);
        if (Encoding.UTF8.GetByteCount(contact.Nickname) > UserConfigFields.NameMaxBytes)
            throw new ArgumentException("Invalid contact nickname: exceeds maximum length", nameof(contact));
        ConfigFields.CheckPicture(contact.Picture, nameof(contact));
        Change(data =>
        {
            var info = UserConfigFields.Ensure(UserConfigFields.Ensure(data, "c"), key);
            info.Set("n", ConfigScalar.FromUtf8(UserConfigFields.Truncate(contact.Name, UserConfigFields.NameMaxBytes)));
            ConfigFields.SetNonEmptyString(info, "N", contact.Nickname);
            ConfigFields.SetPicture(info, contact.Picture);
            ConfigFields.SetFlag(info, "a", contact.Approved);
            ConfigFields.SetFlag(info, "A", contact.ApprovedMe);
            ConfigFields.SetFlag(info, "b", contact.Blocked);
            UserConfigFields.SetNonZero(info, "+", contact.Priority);
            var notify = contact.Notifications == NotifyMode.MentionsOnly ? NotifyMode.All : contact.Notifications;
            ConfigFields.SetPositive(info, "@", (long)notify);
            ConfigFields.SetPositive(info, "!", contact.MuteUntil);
            if (contact.ExpirationMode != ExpirationMode.None && contact.ExpirationSeconds > 0)
            {
                info.Set("e", new ConfigScalar((long)contact.ExpirationMode));
                info.Set("E", new ConfigScalar(contact.ExpirationSeconds));
            }
            else
            {
                info.Remove("e");
                info.Remove("E");
            }
            ConfigFields.SetPositive(info, "j", contact.Created);
        });
    }

    /// <summary>Removes the contact; false if it was not there.</summary>
    public bool Erase(string sessionId)
    {
        var key = UserConfigFields.SessionIdBytes(sessionId, SessionIdPrefix);
        if (UserConfigFields.Child(Data, "c") is not { } c || !c.Entries.ContainsKey(key))
            return false;
        Change(data => UserConfigFields.Child(data, "c")!.Entries.Remove(key));
        return true;
    }

    private static ContactInfo Load(string sessionId, ConfigDict info)
    {
        var notify = UserConfigFields.Int(info, "@");
        var mode = UserConfigFields.Int(info, "e") is >= 0 and <= 2 and var m ? (ExpirationMode)m : ExpirationMode.None;
        var seconds = mode == ExpirationMode.None ? 0 : UserConfigFields.Int(info, "E");
        if (seconds <= 0)
        {
            mode = ExpirationMode.None;
            seconds = 0;
        }
        return new ContactInfo(sessionId)
        {
            Name = UserConfigFields.String(info, "n"),
            Nickname = UserConfigFields.String(info, "N"),
            Picture = ConfigFields.Picture(info),
            Approved = UserConfigFields.Int(info, "a") != 0,
            ApprovedMe = UserConfigFields.Int(info, "A") != 0,
            Blocked = UserConfigFields.Int(info, "b") != 0,
            Priority = UserConfigFields.Int(info, "+"),
            Notifications = notify is >= 0 and <= 3 ? (notify == 3 ? NotifyMode.All : (NotifyMode)notify) : NotifyMode.Default,
            MuteUntil = UserConfigFields.Int(info, "!"),
            ExpirationMode = mode,
            ExpirationSeconds = seconds,
            Created = UserConfigFields.Int(info, "j"),
        };
    }
}
