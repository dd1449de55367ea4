namespace Wisp.Protocol.Onion;

/// <summary>Which HTTP paths the last hop may call on a server for a client.</summary>
public static class OnionTargets
{
    /// <summary>
    /// Session's rule: the target starts with <c>/loki/</c> or <c>/oxen/</c>, ends with
    /// <c>/lsrpc</c> and has no query. It keeps a path from being used as an open HTTP proxy.
    /// </summary>
    public static bool IsAllowedServerTarget(string target) =>
        (target.StartsWith("/loki/", StringComparison.Ordinal) || target.StartsWith("/oxen/", StringComparison.Ordinal))
        && target.EndsWith("/lsrpc", StringComparison.Ordinal)
        && !target.Contains('?');
}
