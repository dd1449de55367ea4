namespace Wisp.Network.Registry;

/// <summary>What kind of problem made a registry file or change unacceptable.</summary>
public enum RegistryErrorKind
{
    /// <summary>The file does not exist or cannot be read.</summary>
    Unreadable,
    /// <summary>The file is larger than <see cref="RegistryLimits.MaxFileBytes"/>.</summary>
    TooLarge,
    /// <summary>The file is not valid JSON, or the JSON does not have the registry's shape.</summary>
    Malformed,
    /// <summary>The file names a registry key other than the one this party trusts.</summary>
    WrongRegistryKey,
    /// <summary>Version numbers do not run 1, 2, 3, …</summary>
    VersionOutOfOrder,
    /// <summary>An entry's previous hash is not the hash of the entry before it.</summary>
    BrokenLink,
    /// <summary>An entry's stored hash is not the hash of its contents: the entry was altered.</summary>
    HashMismatch,
    /// <summary>The registry key's signature over the head does not verify.</summary>
    BadSignature,
    /// <summary>An entry's time is earlier than the entry before it.</summary>
    TimeWentBackwards,
    /// <summary>A field is out of range: a port, a host, a version string, a key that is not a valid point.</summary>
    InvalidField,
    /// <summary>A join names a node (or an X25519 key, or an address) that an active node already has.</summary>
    DuplicateNode,
    /// <summary>A leave or update names a node that is not active.</summary>
    UnknownNode,
    /// <summary>More entries than <see cref="RegistryLimits.MaxEntries"/>.</summary>
    TooManyEntries,
    /// <summary>A newer file does not extend the history already accepted: the history was rewritten or rolled back.</summary>
    HistoryRewritten,
    /// <summary>A validly signed file older than the version this follower accepted before (kept across restarts).</summary>
    RolledBack,
    /// <summary>Another writer holds the registry's lock file.</summary>
    Busy,
    /// <summary>The new registry file could not be written; the old one is still in place.</summary>
    WriteFailed,
}

/// <summary>
/// Why a registry file or change was rejected, in words an operator can act on. <see cref="EntryVersion"/> names the
/// entry at fault when there is one.
/// </summary>
/// <param name="Kind">The kind of problem.</param>
/// <param name="Message">A sentence saying what is wrong and where.</param>
/// <param name="EntryVersion">The version number of the offending entry, if the problem is in one entry.</param>
public sealed record RegistryError(RegistryErrorKind Kind, string Message, long? EntryVersion = null)
{
    /// <summary>An error about entry <paramref name="version"/>; the message is prefixed with "entry N: ".</summary>
    public static RegistryError InEntry(RegistryErrorKind kind, long version, string message) =>
        new(kind, $"entry {version}: {message}", version);

    public override string ToString() => $"{Kind}: {Message}";
}
