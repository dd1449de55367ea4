using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Wisp.Node.Admission;

namespace Wisp.Node.Hosting;

/// <summary>Kestrel for a node: one HTTPS endpoint on the configured address, and limits that keep slow or hostile clients from holding memory.</summary>
internal static class KestrelSetup
{
    public static void Configure(KestrelServerOptions kestrel, NodeOptions options, X509Certificate2 certificate)
    {
        kestrel.AddServerHeader = false;
        var limits = kestrel.Limits;
        limits.MaxRequestBodySize = Limits.MaxRequestBodyBytes;
        limits.MaxConcurrentConnections = Limits.MaxConcurrentConnections;
        limits.MaxConcurrentUpgradedConnections = Limits.MaxMonitorConnections; // the monitor stream's WebSockets
        limits.MaxRequestHeadersTotalSize = Limits.MaxRequestHeadersBytes;
        limits.MaxRequestHeaderCount = Limits.MaxRequestHeaderCount;
        limits.RequestHeadersTimeout = Limits.RequestHeadersTimeout;
        limits.KeepAliveTimeout = Limits.KeepAliveTimeout;
        limits.MinRequestBodyDataRate = new MinDataRate(Limits.MinRequestBodyBytesPerSecond, Limits.MinRequestBodyGrace);
        // A client that stops reading its answer is dropped, which gives back the budget its answer held.
        limits.MinResponseDataRate = new MinDataRate(Limits.MinResponseBytesPerSecond, Limits.MinResponseGrace);
        limits.Http2.MaxStreamsPerConnection = Limits.MaxHttp2StreamsPerConnection;
        kestrel.Listen(options.HostAddress, options.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(certificate);
        });
    }
}
