namespace Wisp.Direct;

/// <summary>
/// Every bound of the direct path, each with its unit and reason. One part per layer, beside its code:
/// Connect/ConnectLimits.cs, Punching/PunchingLimits.cs, Relay/RelayLimits.cs, Secure/SecureLimits.cs and
/// Streams/StreamLimits.cs.
/// </summary>
public static partial class Limits
{
}
