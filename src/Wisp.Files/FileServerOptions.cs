using Microsoft.Extensions.Logging;

namespace Wisp.Files;

/// <summary>How <c>wisp files run</c> runs the file server.</summary>
public sealed record FileServerOptions
{
    /// <summary>The data directory: server key, index, stored files and chunks, run file.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Address to listen on.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>HTTP port; 0 picks a free one.</summary>
    public int Port { get; init; } = Limits.DefaultPort;

    /// <summary>Total bytes of files and chunks kept before uploads get 507.</summary>
    public long MaxDiskBytes { get; init; } = Limits.DefaultMaxDiskBytes;

    /// <summary>Bytes of chunks one uploader key may hold before its uploads get 413.</summary>
    public long UploaderQuotaBytes { get; init; } = Limits.DefaultUploaderQuotaBytes;

    /// <summary>Free space kept on the data disk; below it uploads get 507.</summary>
    public long FreeSpaceFloorBytes { get; init; } = Limits.DefaultFreeSpaceFloorBytes;

    /// <summary>How long a file or chunk lives after its last upload.</summary>
    public TimeSpan Expiry { get; init; } = Protocol.Files.FileLimits.DefaultExpiry;

    /// <summary>Interval of the sweep that deletes expired entries from disk.</summary>
    public TimeSpan CleanupInterval { get; init; } = Limits.DefaultCleanupInterval;

    /// <summary>Lowest level logged.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>The options' problems, in words for the operator; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDirectory)) problems.Add("--data: give a directory for the file server's data.");
        if (Port is < 0 or > 65535) problems.Add($"--port: {Port} is not a TCP port; use 1-65535, or 0 for a free one.");
        if (!System.Net.IPAddress.TryParse(Host, out _)) problems.Add($"--host: '{Host}' is not an IP address (127.0.0.1, 0.0.0.0, ::).");
        if (MaxDiskBytes <= 0) problems.Add("--max-disk: give a positive number of bytes.");
        if (UploaderQuotaBytes <= 0) problems.Add("--uploader-quota: give a positive number of bytes.");
        if (Expiry <= TimeSpan.Zero || Expiry > TimeSpan.FromDays(3650)) problems.Add("--expiry-days: give a number of days between 0 and 3650 (exclusive of 0).");
        if (CleanupInterval <= TimeSpan.Zero) problems.Add("the cleanup interval must be positive.");
        return problems;
    }
}
