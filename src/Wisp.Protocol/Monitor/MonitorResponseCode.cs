namespace Wisp.Protocol.Monitor;

/// <summary>
/// The <c>errcode</c> of a monitor reply. 1–6 are Session's <c>MonitorResponse</c> (storage server
/// <c>monitor.messages</c>), same numbers and meaning; 7–9 are Wisp's, for what Session's stream has not (resume and
/// the node's bounds).
/// </summary>
public enum MonitorResponseCode
{
    /// <summary>Invalid arguments: wrong encoding, wrong value type, a missing required key.</summary>
    BadArgs = 1,
    /// <summary>The pubkey (p, P) or subaccount token/signature (T, S) is not valid.</summary>
    BadPubkey = 2,
    /// <summary>The namespace list is invalid: not ascending, duplicated, out of range.</summary>
    BadNamespace = 3,
    /// <summary>The signature timestamp is too old (over 14 days) or in the future (over 1 day).</summary>
    BadTimestamp = 4,
    /// <summary>The signature (or the subaccount's authorisation) does not verify.</summary>
    BadSignature = 5,
    /// <summary>The account is not stored by this node's swarm (reserved, as in Session; Wisp does not send it).</summary>
    WrongSwarm = 6,
    /// <summary>Wisp: the resume cursor is from another store (database) or ahead of this node.</summary>
    UnknownCursor = 7,
    /// <summary>Wisp: more was stored since the resume cursor than the node replays; retrieve instead.</summary>
    CursorTooOld = 8,
    /// <summary>Wisp: the connection or the node holds as many subscriptions as it may.</summary>
    TooManySubscriptions = 9,
}

/// <summary>Where the monitor stream is served.</summary>
public static class MonitorRoutes
{
    /// <summary>The WebSocket path on the node's HTTPS listener.</summary>
    public const string Path = "/monitor/v1";

    /// <summary>The stream's version, sent in the hello (<c>v</c>).</summary>
    public const int Version = 1;
}
