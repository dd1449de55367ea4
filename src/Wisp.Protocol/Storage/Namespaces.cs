using System.Globalization;

namespace Wisp.Protocol.Storage;

/// <summary>
/// Message namespaces: independent mailboxes of one address, numbered −32768..32767, each with its own rules for
/// who may store and who may read (Session's <c>namespace.h</c>).
/// </summary>
public static class Namespaces
{
    /// <summary>Smallest namespace (a signed 16-bit value).</summary>
    public const int Min = short.MinValue;

    /// <summary>Largest namespace.</summary>
    public const int Max = short.MaxValue;

    /// <summary>Ordinary 1:1 messages.</summary>
    public const int Default = 0;

    /// <summary>User config: profile.</summary>
    public const int UserProfile = 2;

    /// <summary>User config: contacts.</summary>
    public const int Contacts = 3;

    /// <summary>User config: conversation info (volatile).</summary>
    public const int ConvoInfoVolatile = 4;

    /// <summary>User config: groups.</summary>
    public const int UserGroups = 5;

    /// <summary>Group messages.</summary>
    public const int GroupMessages = 11;

    /// <summary>Group keys.</summary>
    public const int GroupKeys = 12;

    /// <summary>Group info.</summary>
    public const int GroupInfo = 13;

    /// <summary>Group members.</summary>
    public const int GroupMembers = 14;

    /// <summary>Legacy closed groups: store and retrieve without authentication.</summary>
    public const int LegacyClosedGroup = -10;

    /// <summary>The signature text of "every namespace" (delete_all, delete_before, expire_all).</summary>
    public const string AllText = "all";

    /// <summary>True when <paramref name="ns"/> fits Session's signed 16-bit namespace range.</summary>
    public static bool IsInRange(long ns) => ns is >= Min and <= Max;

    /// <summary>Public inboxes (ns % 10 == 0, e.g. 0, 60, −30): anyone may store; only the owner reads.</summary>
    public static bool IsPublicInbox(int ns) => ns % 10 == 0;

    /// <summary>
    /// Public outboxes (−(20n+1): −1, −21, −41 …): only the owner stores, each store replaces the previous message,
    /// and anyone may read — for data an owner chooses to publish.
    /// </summary>
    public static bool IsPublicOutbox(int ns) => ns < 0 && -ns % 20 == 1;

    /// <summary>Namespaces read without authentication: the public outboxes and the legacy closed-group namespace.</summary>
    public static bool IsUnauthenticatedRetrieve(int ns) => ns == LegacyClosedGroup || IsPublicOutbox(ns);

    /// <summary>
    /// Namespaces −(100n+11) (−11, −111, −211 …): a revoked subaccount may still retrieve from them, so a group can leave
    /// a removed member a last message (Session's <c>is_unrevocable_namespace</c>).
    /// </summary>
    public static bool IsUnrevocable(int ns) => ns < 0 && -ns % 100 == 11;

    /// <summary>Whether a store to <paramref name="ns"/> must be signed by the owner.</summary>
    public static bool StoreNeedsSignature(int ns) => !IsPublicInbox(ns);

    /// <summary>
    /// The namespace as it appears in signed strings and message hashes: empty for 0, decimal otherwise
    /// (Session's <c>ns_str</c>).
    /// </summary>
    public static string ToSignatureText(int ns) => ns == Default ? "" : ns.ToString(CultureInfo.InvariantCulture);
}
