namespace Wisp.Client.Devices;

/// <summary>Where this device stands with its account's device groups (Session's names, docs/device-groups.md).</summary>
public enum DeviceMembership
{
    /// <summary>A full member: it reads the group and may admit and remove devices.</summary>
    InGroup,

    /// <summary>Not in a group, and none seen in the swarm.</summary>
    NoGroup,

    /// <summary>Not in a group; one or more it cannot read are in the swarm: ask to join (<c>wisp device link</c>).</summary>
    GroupsVisible,

    /// <summary>This device's link request is outstanding.</summary>
    Waiting,

    /// <summary>Another device removed this one; it reads nothing the group sends from then on.</summary>
    Removed,
}

/// <summary>How a device stands in the group.</summary>
public enum DeviceListState
{
    /// <summary>In the group.</summary>
    Registered,

    /// <summary>Left of its own accord.</summary>
    Left,

    /// <summary>Removed by another device.</summary>
    Removed,
}

/// <summary>One device of the account's group, as a device list shows it.</summary>
/// <param name="Id">The device id, 64 lower-case hex characters.</param>
/// <param name="State">In the group, or gone.</param>
/// <param name="Type">"CLI", "iOS", "Android", "Desktop" or a free-form type.</param>
/// <param name="Description">What the device calls itself.</param>
/// <param name="Version">Its client version, "major.minor.patch".</param>
/// <param name="UpdatedSeconds">When it last updated its record (its last key rotation), Unix seconds; 0 when unknown.</param>
/// <param name="GoneSeconds">When it was removed or left, Unix seconds.</param>
/// <param name="IsThisDevice">True for the device running this client.</param>
public sealed record DeviceSummary(
    string Id, DeviceListState State, string Type, string Description, string Version, long UpdatedSeconds, long? GoneSeconds, bool IsThisDevice);

/// <summary>A request from another device to join this device's group.</summary>
/// <param name="Id">This device's number for it (for <c>accept</c>/<c>deny</c>).</param>
/// <param name="DeviceId">The requesting device's id, hex.</param>
/// <param name="Type">Its type, for people.</param>
/// <param name="Description">What it calls itself.</param>
/// <param name="Version">Its client version.</param>
/// <param name="RequestedSeconds">When it made the request (its clock), Unix seconds.</param>
/// <param name="ExpiresMs">When the swarm drops the request, Unix ms: it cannot be accepted after.</param>
/// <param name="Sas">The 21 emoji; the first 7 are what both devices show.</param>
public sealed record LinkRequestView(
    long Id, string DeviceId, string Type, string Description, string Version, long RequestedSeconds, long ExpiresMs, IReadOnlyList<string> Sas);

/// <summary>This device's own request to join.</summary>
/// <param name="GroupId">The group asked, hex.</param>
/// <param name="Sas">The 21 emoji to compare with what the other device shows.</param>
/// <param name="ExpiresMs">When the request leaves the swarm, Unix ms.</param>
/// <param name="Confirmed">The user confirmed the emoji here.</param>
/// <param name="Admitted">Another device accepted it (joining waits for <see cref="Confirmed"/>).</param>
public sealed record OutgoingLinkView(string GroupId, IReadOnlyList<string> Sas, long ExpiresMs, bool Confirmed, bool Admitted);

/// <summary>A device group seen in the swarm.</summary>
/// <param name="Id">Its 8-byte identifier, hex.</param>
/// <param name="CreatedSeconds">When it was created (the creating device's clock), Unix seconds.</param>
/// <param name="Sas">Its 21 emoji; show the first 4, and only when there is more than one group to choose from.</param>
/// <param name="LastSeenMs">When its newest message was stored, Unix ms.</param>
/// <param name="IsThisDevicesGroup">True for the group this device is in.</param>
public sealed record DeviceGroupView(string Id, long CreatedSeconds, IReadOnlyList<string> Sas, long LastSeenMs, bool IsThisDevicesGroup);

/// <summary>The outcome of a device-group call: done, or why not.</summary>
/// <param name="Ok">True when it was done.</param>
/// <param name="Error">Why not, in a sentence that says what to do.</param>
public sealed record DeviceResult(bool Ok, string? Error)
{
    /// <summary>Done.</summary>
    public static DeviceResult Done { get; } = new(true, null);

    /// <summary>Not done, because <paramref name="error"/>.</summary>
    public static DeviceResult Failed(string error) => new(false, error);
}
