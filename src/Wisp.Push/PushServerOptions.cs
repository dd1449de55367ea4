using Microsoft.Extensions.Logging;

namespace Wisp.Push;

/// <summary>How <c>wisp push run</c> runs the push server.</summary>
public sealed record PushServerOptions
{
    /// <summary>The data directory: server key, database, run file.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Address to listen on.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>HTTP port; 0 picks a free one.</summary>
    public int Port { get; init; } = Limits.DefaultPort;

    /// <summary>The signed registry file whose nodes are watched; null runs without watching (subscriptions only).</summary>
    public string? RegistryPath { get; init; }

    /// <summary>The registry's public key (hex), required with <see cref="RegistryPath"/>.</summary>
    public string? RegistryKey { get; init; }

    /// <summary>
    /// Accept UnifiedPush endpoints on loopback and private addresses. Off for a public server (a subscriber could make
    /// it post into the operator's own network); on for a network on one machine, whose receivers are on 127.0.0.1.
    /// </summary>
    public bool AllowPrivateEndpoints { get; init; }

    /// <summary>Attempts of one delivery before it becomes a dead letter.</summary>
    public int MaxAttempts { get; init; } = Limits.DefaultMaxAttempts;

    /// <summary>Wait before the first retry; doubled for each further one up to <see cref="Limits.MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = Limits.DefaultRetryDelay;

    /// <summary>Interval of the sweep that deletes expired subscriptions.</summary>
    public TimeSpan CleanupInterval { get; init; } = Limits.DefaultCleanupInterval;

    /// <summary>Apple's push service, when the operator has it; null leaves <c>apns</c> unavailable.</summary>
    public ProviderOptions? Apns { get; init; }

    /// <summary>Firebase Cloud Messaging, when the operator has it; null leaves <c>firebase</c> unavailable.</summary>
    public ProviderOptions? Firebase { get; init; }

    /// <summary>Lowest level logged.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>The options' problems, in words for the operator; empty when they can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDirectory)) problems.Add("--data: give a directory for the push server's data.");
        if (Port is < 0 or > 65535) problems.Add($"--port: {Port} is not a TCP port; use 1-65535, or 0 for a free one.");
        if (!System.Net.IPAddress.TryParse(Host, out _)) problems.Add($"--host: '{Host}' is not an IP address (127.0.0.1, 0.0.0.0, ::).");
        if (RegistryPath is not null && (RegistryKey is null || RegistryKey.Length != 64 || !RegistryKey.All(char.IsAsciiHexDigit)))
            problems.Add("--registry-key: give the registry's Ed25519 public key (64 hex characters) with --registry.");
        if (MaxAttempts is < 1 or > 100) problems.Add("the delivery attempts must be 1 to 100.");
        if (RetryDelay <= TimeSpan.Zero) problems.Add("the retry delay must be positive.");
        if (CleanupInterval <= TimeSpan.Zero) problems.Add("the cleanup interval must be positive.");
        foreach (var (name, provider) in new[] { ("apns", Apns), ("firebase", Firebase) })
        {
            if (provider is not null && !Uri.TryCreate(provider.BaseUrl, UriKind.Absolute, out _))
                problems.Add($"--{name}-url: '{provider.BaseUrl}' is not an absolute URL.");
        }
        return problems;
    }
}

/// <summary>Where a provider's API is and how to authenticate to it (a stand-in's URL in tests; never called by <c>wisp up</c>).</summary>
/// <param name="BaseUrl">The API's base URL, e.g. <c>https://api.push.apple.com</c> or <c>https://fcm.googleapis.com</c>.</param>
/// <param name="Topic">APNs: the app's bundle id (<c>apns-topic</c>); Firebase: the project id.</param>
/// <param name="BearerToken">The authorization token sent as <c>Authorization: bearer …</c> (APNs JWT or an OAuth token for FCM).</param>
public sealed record ProviderOptions(string BaseUrl, string Topic, string? BearerToken);
