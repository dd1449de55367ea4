using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Wisp.Node.Hosting;

/// <summary>
/// The node's self-signed TLS certificate, made on first start and reused: <c>tls.pfx</c> (PKCS#12 with the private
/// key, mode 0600) in the data directory. Clients do not trust it through a CA; Session clients accept any node
/// certificate and rely on the onion layer's keys, and local tools (<c>wisp node status</c>, tests) pin this exact
/// certificate.
/// </summary>
public static class NodeCertificate
{
    /// <summary>The certificate file's name in the data directory.</summary>
    public const string FileName = "tls.pfx";

    /// <summary>How long a new certificate is valid (10 years): it is pinned, not checked against a CA, so renewal would only break pins.</summary>
    private static readonly TimeSpan Validity = TimeSpan.FromDays(3650);

    /// <summary>Loads the certificate, creating it for <paramref name="host"/> if there is none yet.</summary>
    public static bool TryLoadOrCreate(
        string dataDirectory, string host, TimeProvider timeProvider,
        [NotNullWhen(true)] out X509Certificate2? certificate, [NotNullWhen(false)] out string? problem)
    {
        SecretFiles.EnsureDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            using var created = Create(host, timeProvider.GetUtcNow());
            var pfx = created.Export(X509ContentType.Pkcs12);
            try
            {
                SecretFiles.CreateNew(path, pfx);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pfx);
            }
        }
        return TryLoad(dataDirectory, out certificate, out problem);
    }

    /// <summary>Loads the existing certificate (with its private key).</summary>
    public static bool TryLoad(
        string dataDirectory, [NotNullWhen(true)] out X509Certificate2? certificate, [NotNullWhen(false)] out string? problem)
    {
        certificate = null;
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            problem = $"{path} does not exist: the node has not started in this directory yet.";
            return false;
        }
        problem = SecretFiles.ExposureProblem(path);
        if (problem is not null) return false;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password: null);
            return true;
        }
        catch (CryptographicException exception)
        {
            problem = $"{path} is not a readable PKCS#12 certificate ({exception.Message}). "
                + "Move it away; the node makes a new one at next start (pinned clients must then re-pin).";
            return false;
        }
    }

    private static X509Certificate2 Create(string host, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=wisp-node", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        if (IPAddress.TryParse(host, out var address) && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
            && !IPAddress.IsLoopback(address))
        {
            names.AddIpAddress(address);
        }
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(now.AddDays(-1), now.Add(Validity));
    }
}
