using System.Net;
using Microsoft.Extensions.Logging;
using Wisp.Node.Admission;

namespace Wisp.Node.Hosting;

/// <summary>
/// Everything an operator can set on a node. <see cref="Validate"/> runs at start; a node with bad options does not
/// start, and each problem is reported in words that say what to change.
/// </summary>
public sealed record NodeOptions
{
    /// <summary>Session's client-facing storage port; what <c>wisp node run</c> listens on by default.</summary>
    public const int DefaultPort = 22021;

    /// <summary>The data directory: node key, TLS certificate, message database, run file.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>IPv4 or IPv6 address to listen on (<c>0.0.0.0</c> / <c>::</c> for every interface).</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port for HTTPS; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>Serve the DHT on UDP at the same port number (persistent mode); <c>--no-dht</c> turns it off.</summary>
    public bool Dht { get; init; } = true;

    /// <summary>Bytes of message data the node keeps before answering stores with "full".</summary>
    public long StorageCapBytes { get; init; } = 3_500_000_000;

    /// <summary>Requests per second each client IP may make on the storage RPC; 0 lifts the limit (benchmarks only).</summary>
    public double RateLimitPerSecond { get; init; } = Limits.DefaultRateLimitPerSecond;

    /// <summary>Requests a client may make at once above the steady rate.</summary>
    public int RateLimitBurst { get; init; } = Limits.DefaultRateLimitBurst;

    /// <summary>Bytes of request and response bodies the node holds at once before it answers 503 (<see cref="Limits.MaxInFlightBodyBytes"/>).</summary>
    public long InFlightBudgetBytes { get; init; } = Limits.MaxInFlightBodyBytes;

    /// <summary>Requests one client address may have in flight at once before it gets 429 (<see cref="Limits.MaxConcurrentRequestsPerClient"/>).</summary>
    public int MaxConcurrentRequestsPerClient { get; init; } = Limits.MaxConcurrentRequestsPerClient;

    /// <summary>How often expired messages are deleted.</summary>
    public TimeSpan ExpirySweepInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>True: fsync every group commit (survives power loss). False: WAL without fsync (survives kill -9).</summary>
    public bool SynchronousFull { get; init; } = true;

    /// <summary>Lowest level logged.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>True: log one JSON object a line (for journald/collectors); false: human-readable lines.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>True: <c>/metrics</c> and <c>/status</c> answer any address; false: only loopback callers.</summary>
    public bool MetricsFromAnyAddress { get; init; }

    /// <summary>
    /// The signed registry file this node follows to know the network (<c>--registry</c>); null runs the node alone,
    /// serving every account as swarm 0. Given together with <see cref="RegistryKeyHex"/> or not at all.
    /// </summary>
    public string? RegistryPath { get; init; }

    /// <summary>The registry's Ed25519 public key, 64 hex characters (<c>--registry-key</c>): the file must be signed by it.</summary>
    public string? RegistryKeyHex { get; init; }

    /// <summary>How often the node pulls what its swarm peers stored while it was not listening (catch-up); also runs at start.</summary>
    public TimeSpan CatchUpInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the node tests one other node (reachability and a storage answer).</summary>
    public TimeSpan PeerTestInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Addresses or CIDR networks the last hop may call HTTP servers on although they are not public
    /// (<c>--server-allow</c>, repeatable): the operator's own servers on loopback or a private network. Empty by default.
    /// </summary>
    public IReadOnlyList<string> ServerAllow { get; init; } = [];

    /// <summary>The ports the last hop may call HTTP servers on (<c>--server-ports</c>); empty keeps 443 and 80.</summary>
    public IReadOnlyList<int> ServerPorts { get; init; } = [];

    /// <summary>The server relay's options from <see cref="ServerAllow"/> and <see cref="ServerPorts"/>; valid after <see cref="Validate"/>.</summary>
    public Onion.ServerProxyOptions ServerProxy => Onion.ServerProxyOptions.Parse(ServerAllow, ServerPorts).Options;

    /// <summary>True when the node follows a registry (<see cref="RegistryPath"/> is set).</summary>
    public bool HasRegistry => RegistryPath is not null;

    /// <summary>The parsed <see cref="Host"/>; valid after <see cref="Validate"/> found no problem.</summary>
    public IPAddress HostAddress => IPAddress.Parse(Host);

    /// <summary>Every problem with these options, in words an operator can act on; empty when they are fine.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(DataDirectory))
            problems.Add("--data: give the node's data directory (it is created if missing).");
        else if (File.Exists(DataDirectory))
            problems.Add($"--data: '{DataDirectory}' is a file; give a directory.");
        if (!IPAddress.TryParse(Host, out _))
            problems.Add($"--host: '{Host}' is not an IP address; use an IPv4 (127.0.0.1, 0.0.0.0) or IPv6 (::1, ::) address.");
        if (Port is < 0 or > 65535)
            problems.Add($"--port: {Port} is not a TCP port; use 1-65535 (or 0 to pick a free one).");
        if (StorageCapBytes < Limits.MinStorageCapBytes)
            problems.Add($"--storage-cap: {StorageCapBytes} bytes is too small; use at least {Limits.MinStorageCapBytes} (1 MiB).");
        if (double.IsNaN(RateLimitPerSecond) || RateLimitPerSecond < 0)
            problems.Add($"--rate-limit: {RateLimitPerSecond} is not a rate; use requests per second ≥ 0 (0 lifts the limit).");
        if (RateLimitBurst < 1)
            problems.Add($"--rate-burst: {RateLimitBurst} must be at least 1.");
        if (InFlightBudgetBytes < Limits.MinInFlightBudgetBytes)
            problems.Add($"in-flight budget: {InFlightBudgetBytes} bytes is too small; use at least {Limits.MinInFlightBudgetBytes} (1 MiB).");
        if (MaxConcurrentRequestsPerClient < 1)
            problems.Add($"concurrent requests per client: {MaxConcurrentRequestsPerClient} must be at least 1.");
        if (ExpirySweepInterval < TimeSpan.FromMilliseconds(10) || ExpirySweepInterval > TimeSpan.FromDays(1))
            problems.Add($"--sweep-interval: {ExpirySweepInterval} is out of range; use between 10 ms and 1 day.");
        if (string.IsNullOrWhiteSpace(RegistryPath) != string.IsNullOrWhiteSpace(RegistryKeyHex))
            problems.Add("--registry and --registry-key go together: give both (the registry file and its Ed25519 public key, hex) or neither (the node runs alone).");
        if (!string.IsNullOrWhiteSpace(RegistryKeyHex) && !IsHexKey(RegistryKeyHex))
            problems.Add($"--registry-key: give the registry's Ed25519 public key as 64 hex characters; got {RegistryKeyHex.Length} characters.");
        if (RegistryPath is not null && string.IsNullOrWhiteSpace(RegistryPath))
            problems.Add("--registry: give the path of the registry file.");
        if (CatchUpInterval < TimeSpan.FromMilliseconds(10) || CatchUpInterval > TimeSpan.FromDays(1))
            problems.Add($"--catch-up-interval: {CatchUpInterval} is out of range; use between 10 ms and 1 day.");
        if (PeerTestInterval < TimeSpan.FromMilliseconds(10) || PeerTestInterval > TimeSpan.FromDays(1))
            problems.Add($"--peer-test-interval: {PeerTestInterval} is out of range; use between 10 ms and 1 day.");
        problems.AddRange(Onion.ServerProxyOptions.Parse(ServerAllow, ServerPorts).Problems);
        if (!Enum.IsDefined(LogLevel))
            problems.Add($"--log-level: {LogLevel} is not a log level.");
        return problems;
    }

    private static bool IsHexKey(string text) => text.Length == 64 && text.All(Uri.IsHexDigit);
}
