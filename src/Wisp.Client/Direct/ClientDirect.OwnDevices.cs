namespace Wisp.Client.Direct;

// The account's own other devices: their sessions, history replication on them, and messages that came direct passed on.
public sealed partial class ClientDirect
{
    /// <summary>The account's other devices in its device group (set by the client to the device group's list).</summary>
    internal Func<IReadOnlyList<OwnDevice>>? OwnDevices { get; set; }

    /// <summary>
    /// Stores a stored-form message in the account's own swarm (set by the client): where a message that came direct goes
    /// for the account's other devices when they cannot take it over a session. True when stored.
    /// </summary>
    internal Func<byte[], CancellationToken, Task<bool>>? StoreInOwnSwarm { get; set; }

    /// <summary>
    /// Raised when a session with an own device opened, and again for every live one each
    /// <see cref="DirectLimits.OwnDeviceInterval"/>: history replication runs on it.
    /// </summary>
    internal event Action<LiveSession>? OwnDeviceSession;

    /// <summary>True when another device of the account publishes a direct key (a restore can ask it).</summary>
    public bool HasOwnDevicesToAsk => OwnDeviceKeys().Count > 0;

    /// <summary>The direct keys of the account's other devices that publish one.</summary>
    internal IReadOnlyList<byte[]> OwnDeviceKeys() =>
        [.. (OwnDevices?.Invoke() ?? []).Where(d => d.DirectKey is not null).Select(d => d.DirectKey!)];

    /// <summary>
    /// The live session with the own device of <paramref name="directKey"/>, opened now if need be (a restore asks at once,
    /// whatever an earlier try found); null when it cannot be reached or direct mode does not run here.
    /// </summary>
    internal Task<LiveSession?> EnsureOwnAsync(byte[] directKey, CancellationToken cancellationToken) =>
        _sessions is { } sessions ? sessions.EnsureOwnAsync(directKey, retryNow: true, cancellationToken) : Task.FromResult<LiveSession?>(null);

    // Connects to every own device each interval (and at once); each live session is handed to replication.
    private async Task OwnDevicesAsync(DirectSessions sessions, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await sessions.DropStaleOwnAsync().ConfigureAwait(false); // a device removed meanwhile keeps no session
                foreach (var key in OwnDeviceKeys())
                {
                    if (sessions.LiveOwn(key) is { } live)
                        OwnDeviceSession?.Invoke(live);
                    else
                        await sessions.EnsureOwnAsync(key, retryNow: false, cancellationToken).ConfigureAwait(false); // raises on open
                }
                await Task.Delay(DirectLimits.OwnDeviceInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                // A device list that cannot be read this time, or a transport going away: tried again next interval.
                try { await Task.Delay(DirectLimits.OwnDeviceInterval, _time, cancellationToken).ConfigureAwait(false); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    /// <summary>
    /// Passes a message that came direct to the account's other devices: over each one's session when it acks, and, when
    /// any device did not, into the account's own swarm (the stored form is sealed to the account, so every device reads
    /// it there as if the contact had sent it through the swarm, and one that already has it skips it). True when every
    /// other device has it or the swarm took it.
    /// </summary>
    internal async Task<bool> ForwardAsync(byte[] stored, CancellationToken cancellationToken)
    {
        var devices = OwnDevices?.Invoke() ?? [];
        if (devices.Count == 0)
            return true;
        var all = true;
        foreach (var device in devices)
        {
            var live = device.DirectKey is { } key && _sessions is { } sessions ? sessions.LiveOwn(key) : null;
            if (live is null || !await live.SendMessageAsync(stored, AckTimeout, _time, cancellationToken).ConfigureAwait(false))
                all = false;
        }
        if (all)
            return true;
        try
        {
            return StoreInOwnSwarm is { } store && await store(stored, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Http.HttpRequestException)
        {
            return false; // the device that has it keeps it; the others restore it from the contact's signed log later
        }
    }
}

/// <summary>One of the account's other devices, as direct mode needs it.</summary>
/// <param name="DeviceId">Its device id, 64 lower-case hex characters.</param>
/// <param name="Description">What it calls itself.</param>
/// <param name="DirectKey">Its direct key (X25519, 32 bytes) from its device record, or null when it publishes none.</param>
internal sealed record OwnDevice(string DeviceId, string Description, byte[]? DirectKey);
