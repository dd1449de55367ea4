namespace Wisp.Client.Push;

/// <summary>One push registration as the client keeps it: where notifications go and how long the server keeps it.</summary>
/// <param name="Service"><c>unifiedpush</c> (or a provider service the push server offers).</param>
/// <param name="Endpoint">The service's token; for UnifiedPush the distributor's URL the server POSTs to.</param>
/// <param name="ServerUrl">The push server's base URL.</param>
/// <param name="ServerKey">The push server's X25519 key, hex.</param>
/// <param name="Namespaces">The namespaces watched, ascending.</param>
/// <param name="WantData">Whether notifications carry the message itself (when it fits).</param>
/// <param name="SubscribedAtMs">When the server last accepted it (Unix ms).</param>
/// <param name="ExpiresAtMs">The end of its 14-day life at the server (Unix ms).</param>
/// <param name="LastError">Why the last renewal failed, or null.</param>
public sealed record PushRegistration(
    string Service, string Endpoint, string ServerUrl, string ServerKey, IReadOnlyList<int> Namespaces, bool WantData,
    long SubscribedAtMs, long ExpiresAtMs, string? LastError)
{
    /// <summary>True once its life at the server is over (it has to be registered again).</summary>
    public bool ExpiredAt(long nowMs) => nowMs >= ExpiresAtMs;
}
