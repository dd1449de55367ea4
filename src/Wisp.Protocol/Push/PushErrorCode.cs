namespace Wisp.Protocol.Push;

/// <summary>The <c>error</c> values of a push server's replies: Session's SPNS <c>SUBSCRIBE</c> enum, number for number.</summary>
public enum PushErrorCode
{
    /// <summary>Accepted (never sent as <c>error</c>; a success carries <c>"success": true</c>).</summary>
    Ok = 0,

    /// <summary>Unparseable, invalid values, missing required arguments; the message says which.</summary>
    BadInput = 1,

    /// <summary>The requested service is not offered by this server.</summary>
    ServiceNotAvailable = 2,

    /// <summary>The service's back end did not answer in time.</summary>
    ServiceTimeout = 3,

    /// <summary>Another problem with the subscription: a bad signature, namespaces or timestamp; the message says which.</summary>
    Error = 4,

    /// <summary>The server failed; nothing the client can change.</summary>
    InternalError = 5,
}
