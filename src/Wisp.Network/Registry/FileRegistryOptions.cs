using Wisp.Crypto.Keys;

namespace Wisp.Network.Registry;

/// <summary>Where a <see cref="FileRegistry"/> reads, whom it trusts, and how often it looks.</summary>
public sealed class FileRegistryOptions
{
    /// <summary>1 second: a one-machine network notices a join within a second, at the cost of one stat call.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Path of the registry file.</summary>
    public required string Path { get; init; }

    /// <summary>The registry key the file must be signed by.</summary>
    public required Ed25519PublicKey RegistryKey { get; init; }

    /// <summary>
    /// Where the highest accepted version and its hash are kept (in the follower's data directory), so that an older
    /// file is refused after a restart too; null keeps them in memory only (a client that re-reads a local network).
    /// </summary>
    public string? HighWaterPath { get; init; }

    /// <summary>How often the file is checked for a new version; <see cref="Timeout.InfiniteTimeSpan"/> for never (call <see cref="FileRegistry.Refresh"/>).</summary>
    public TimeSpan PollInterval { get; init; } = DefaultPollInterval;

    /// <summary>Null when the options are usable; otherwise what is wrong.</summary>
    public string? Validate()
    {
        if (string.IsNullOrWhiteSpace(Path))
            return "FileRegistryOptions.Path is required.";
        if (RegistryKey is null)
            return "FileRegistryOptions.RegistryKey is required.";
        if (PollInterval != Timeout.InfiniteTimeSpan && PollInterval <= TimeSpan.Zero)
            return $"FileRegistryOptions.PollInterval must be positive or infinite; got {PollInterval}.";
        return null;
    }
}
