namespace Wisp.Protocol.Push;

/// <summary>The push server's HTTP paths (Session's SPNS paths, plus the v4 onion endpoint every Session server has).</summary>
public static class PushRoutes
{
    /// <summary><c>POST</c>: one subscription object or an array of them (<see cref="SubscribeRequest"/>).</summary>
    public const string Subscribe = "/subscribe";

    /// <summary><c>POST</c>: one unsubscription object or an array of them (<see cref="UnsubscribeRequest"/>).</summary>
    public const string Unsubscribe = "/unsubscribe";

    /// <summary><c>POST</c>: a v4 onion request whose inner request is one of the routes above.</summary>
    public const string OnionV4 = "/oxen/v4/lsrpc";

    /// <summary>The service name of UnifiedPush delivery (Wisp's; SPNS names <c>apns</c> and <c>firebase</c>).</summary>
    public const string UnifiedPush = "unifiedpush";

    /// <summary>SPNS's service name for Apple's push service.</summary>
    public const string Apns = "apns";

    /// <summary>SPNS's service name for Google's Firebase Cloud Messaging.</summary>
    public const string Firebase = "firebase";
}
