using System.Globalization;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// The versions a Wisp node reports where Session's storage server reports its own (<c>hf</c> on most replies,
/// <c>version</c> in <c>info</c>, <c>hf</c>/<c>v</c> in <c>ifelse</c>). Clients written for Session decide which
/// features to use from these, so they name the Session features Wisp implements, not Wisp's own release.
/// </summary>
public static class ProtocolVersions
{
    /// <summary>
    /// The network hard fork reported as <c>hf</c>: 19.4, Session's <c>MULTI_EXPIRY_HARDFORK</c>, the newest fork
    /// whose storage features (subaccounts, multi-expiry, revocation) Wisp implements. A client gates those on it.
    /// </summary>
    public static readonly HardFork HardFork = new(19, 4);

    /// <summary>
    /// The storage server version reported by <c>info</c> and <c>ifelse</c>: 2.8.0, the Session storage server release
    /// whose client RPC Wisp answers exactly (clients compare it with <c>v_at_least</c>).
    /// </summary>
    public static readonly ServerVersion StorageServer = new(2, 8, 0);
}

/// <summary>A network hard fork revision, written as the two-element array <c>[major, minor]</c>.</summary>
public readonly record struct HardFork(int Major, int Minor) : IComparable<HardFork>
{
    /// <inheritdoc />
    public int CompareTo(HardFork other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);
}

/// <summary>A storage server version, written as the three-element array <c>[major, minor, patch]</c>.</summary>
public readonly record struct ServerVersion(int Major, int Minor, int Patch) : IComparable<ServerVersion>
{
    /// <inheritdoc />
    public int CompareTo(ServerVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major)
        : Minor != other.Minor ? Minor.CompareTo(other.Minor)
        : Patch.CompareTo(other.Patch);

    /// <summary>"major.minor.patch", as Session writes its version string (<c>get_stats</c>).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
