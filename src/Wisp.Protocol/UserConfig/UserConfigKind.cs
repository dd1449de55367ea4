namespace Wisp.Protocol.UserConfig;

/// <summary>A user's own config, by the storage namespace libsession keeps it in.</summary>
public enum UserConfigKind
{
    /// <summary>Display name, picture, Note-to-Self settings (namespace 2, domain "UserProfile").</summary>
    UserProfile = 2,

    /// <summary>Contacts with nicknames, approval, blocking and conversation settings (namespace 3, "Contacts").</summary>
    Contacts = 3,

    /// <summary>Read state of each conversation (namespace 4, "ConvoInfoVolatile").</summary>
    ConvoInfoVolatile = 4,

    /// <summary>Group and community memberships (namespace 5, "UserGroups").</summary>
    UserGroups = 5,
}

/// <summary>What libsession names each user config.</summary>
public static class UserConfigKinds
{
    /// <summary>All four, in namespace order.</summary>
    public static readonly IReadOnlyList<UserConfigKind> All =
        [UserConfigKind.UserProfile, UserConfigKind.Contacts, UserConfigKind.ConvoInfoVolatile, UserConfigKind.UserGroups];

    /// <summary>The encryption domain (libsession's <c>encryption_domain()</c>).</summary>
    public static string Domain(UserConfigKind kind) => kind switch
    {
        UserConfigKind.UserProfile => "UserProfile",
        UserConfigKind.Contacts => "Contacts",
        UserConfigKind.ConvoInfoVolatile => "ConvoInfoVolatile",
        UserConfigKind.UserGroups => "UserGroups",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a user config kind."),
    };

    /// <summary>True for namespaces 2–5.</summary>
    public static bool IsUserConfig(int ns) => ns is >= (int)UserConfigKind.UserProfile and <= (int)UserConfigKind.UserGroups;
}
