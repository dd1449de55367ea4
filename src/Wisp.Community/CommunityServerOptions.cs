using Microsoft.Extensions.Logging;

namespace Wisp.Community;

/// <summary>How <c>wisp community run</c> runs the community server.</summary>
public sealed record CommunityServerOptions
{
    /// <summary>The data directory: server key, database, uploaded files, run file.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Address to listen on.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>HTTP port; 0 picks a free one.</summary>
    public int Port { get; init; } = Limits.DefaultPort;

    /// <summary>
    /// Refuse unblinded (<c>00…</c>) request keys, as pysogs does by default (<c>require_blind_keys</c>): members are
    /// then known only by blinded IDs.
    /// </summary>
    public bool RequireBlindKeys { get; init; } = true;

    /// <summary>Lowest level logged.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>The options' problems, in words for the operator; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDirectory)) problems.Add("--data: give a directory for the community server's data.");
        if (Port is < 0 or > 65535) problems.Add($"--listen: {Port} is not a TCP port; use 1-65535, or 0 for a free one.");
        if (!System.Net.IPAddress.TryParse(Host, out _)) problems.Add($"--listen: '{Host}' is not an IP address (127.0.0.1, 0.0.0.0, ::).");
        return problems;
    }
}
