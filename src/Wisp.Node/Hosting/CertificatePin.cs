using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Wisp.Node.Hosting;

/// <summary>
/// An HTTP handler that trusts exactly one certificate (the node's own, read from its data directory) and nothing
/// else: for local tools talking to a node with a self-signed certificate, without turning validation off.
/// </summary>
public static class CertificatePin
{
    /// <summary>A handler whose TLS accepts only a server presenting <paramref name="pinned"/>.</summary>
    public static SocketsHttpHandler CreateHandler(X509Certificate2 pinned)
    {
        ArgumentNullException.ThrowIfNull(pinned);
        var expected = pinned.RawData;
        return new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(expected),
            },
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
    }
}
