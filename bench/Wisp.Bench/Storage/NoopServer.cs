using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Wisp.Bench.Storage;

/// <summary>
/// The machine's transport limit: Kestrel over HTTPS on loopback answering every POST with an empty 200, run as its
/// own process (the node is one too) with the same kind of certificate (ECDSA P-256) and protocols as a node.
/// It prints one JSON line, <c>{"url", "certificate"}</c>, and stops when its standard input closes.
/// </summary>
internal static class NoopServer
{
    /// <summary>The hidden argument that makes the bench executable run this server.</summary>
    public const string ChildArgument = "__noop-server";

    public const string Route = "/noop";

    public static async Task<int> RunAsync()
    {
        using var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            });
        });
        await using var app = builder.Build();
        app.MapPost(Route, () => Results.Ok());
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        Console.WriteLine(JsonSerializer.Serialize(new ChildAnnouncement($"https://127.0.0.1:{port}", Convert.ToBase64String(certificate.RawData))));
        Console.Out.Flush();
        // The parent holds our standard input open while it needs us; when it closes (or the parent dies) we stop.
        await Console.In.ReadToEndAsync();
        await app.StopAsync();
        return 0;
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=wisp-bench-noop", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs a certificate whose key it can use for TLS: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), password: null);
    }
}

/// <summary>The line a child server prints once it listens: its URL and its certificate (DER, base64) to pin.</summary>
internal sealed record ChildAnnouncement(string Url, string Certificate);
