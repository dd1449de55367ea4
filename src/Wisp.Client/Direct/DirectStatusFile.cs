using System.Text.Json;

namespace Wisp.Client.Direct;

/// <summary>
/// The connection manager's status as the running client (daemon, chat, web) last wrote it, so that
/// <c>wisp p2p status</c>, another process, can show it: <c>direct-status.json</c> in the profile's folder, rewritten
/// every <see cref="DirectLimits.StatusInterval"/>; older than three intervals means no client runs it.
/// </summary>
public sealed record DirectStatusFile(
    long WrittenAtMs, int ProcessId, bool Listening, int DhtNodes, string? PublicAddress, string NatClass,
    IReadOnlyList<string> Bootstrap, string DeviceKey, IReadOnlyList<DirectStatusFile.Session> Sessions)
{
    /// <summary>The file's name in the profile's folder.</summary>
    public const string FileName = "direct-status.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = false };

    /// <summary>One live session.</summary>
    /// <param name="AccountId">The contact's Account ID.</param>
    /// <param name="Path">"direct" or "relayed".</param>
    /// <param name="RemoteAddress">Their address (or the relay's).</param>
    /// <param name="Inbound">True when they opened it.</param>
    /// <param name="BytesSent">Bytes sent on it.</param>
    /// <param name="BytesReceived">Bytes received on it.</param>
    /// <param name="UpgradedFromRelay">True when it replaced a relayed session once a direct path opened.</param>
    public sealed record Session(
        string AccountId, string Path, string RemoteAddress, bool Inbound, long BytesSent, long BytesReceived, bool UpgradedFromRelay = false);

    /// <summary>The live sessions with the account's own devices (<see cref="Session.AccountId"/> holds the device's direct key, hex); absent in files from before.</summary>
    public IReadOnlyList<Session>? OwnDeviceSessions { get; init; }

    /// <summary>True when a running client wrote it recently (at <paramref name="nowMs"/>).</summary>
    public bool Fresh(long nowMs) => nowMs - WrittenAtMs <= 3 * (long)DirectLimits.StatusInterval.TotalMilliseconds;

    /// <summary>The snapshot of <paramref name="status"/>.</summary>
    public static DirectStatusFile Of(DirectStatus status, long nowMs) => new(
        nowMs, Environment.ProcessId, status.Transport.Listening, status.Transport.DhtNodes, status.Transport.PublicAddress,
        status.Transport.NatClass, status.Transport.Bootstrap, status.DeviceKey.ToHex(),
        [.. status.Sessions.Select(s => new Session(s.Peer.Hex, DirectStates.Word(s.Path), s.RemoteAddress, s.Inbound, s.BytesSent, s.BytesReceived, s.UpgradedFromRelay))])
    {
        OwnDeviceSessions = [.. status.OwnDeviceSessions.Select(s =>
            new Session(s.DirectKey, DirectStates.Word(s.Path), s.RemoteAddress, s.Inbound, s.BytesSent, s.BytesReceived))],
    };

    /// <summary>Writes it into <paramref name="profileDirectory"/> (atomically: a reader never sees half a file).</summary>
    public void Write(string profileDirectory)
    {
        var path = Path.Combine(profileDirectory, FileName);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The last status written in <paramref name="profileDirectory"/>, or null when there is none (or it is unreadable).</summary>
    public static DirectStatusFile? Read(string profileDirectory)
    {
        try
        {
            var bytes = File.ReadAllBytes(Path.Combine(profileDirectory, FileName));
            return bytes.Length > DirectLimits.MaxStatusFileBytes ? null : JsonSerializer.Deserialize<DirectStatusFile>(bytes, Json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }
}
