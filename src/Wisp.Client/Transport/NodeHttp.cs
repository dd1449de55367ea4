using System.Net.Security;

namespace Wisp.Client.Transport;

/// <summary>
/// The HTTP handler for the client's connections to nodes (a guard, or a guard candidate's direct test).
/// <para>
/// Trust: nodes use self-signed TLS certificates and the registry does not carry them, so any certificate is
/// accepted on these connections, as Session's clients do for service nodes. What protects the request is the onion
/// layer, encrypted to the node's X25519 key from the signed registry: a party in the middle can see sizes and
/// timing and can drop or corrupt a request (the AEAD then fails and the client tries another path), but it cannot
/// read, alter or redirect one. The direct <c>info</c> test of a guard candidate carries nothing secret. The same
/// choice is made node to node (the node's <c>NodeToNodeClient</c>). Never use this handler for anything but nodes.
/// </para>
/// </summary>
internal static class NodeHttp
{
    /// <summary>A handler that accepts any node certificate, follows no redirects, sends no cookies and uses no proxy.</summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        SslOptions = new SslClientAuthenticationOptions
        {
            // See the class summary: the onion layer, not TLS, authenticates the node.
            RemoteCertificateValidationCallback = static (_, certificate, _, _) => certificate is not null,
        },
    };

    /// <summary>An <see cref="HttpClient"/> over <see cref="CreateHandler"/> with no timeout of its own (callers pass tokens).</summary>
    public static HttpClient CreateClient() => new(CreateHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
}
