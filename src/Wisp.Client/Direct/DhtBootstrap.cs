using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Wisp.Client.Direct;

/// <summary>
/// Where the direct endpoint finds the DHT: given <c>host:port</c> entries (<c>--dht-bootstrap</c>), else the connected
/// network's service nodes, which serve the DHT over UDP on the port number of their HTTPS port.
/// </summary>
public static class DhtBootstrap
{
    /// <summary>Parses <c>ip:port</c>, <c>[ipv6]:port</c> or <c>localhost:port</c>; false with why otherwise.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out IPEndPoint? endpoint, [NotNullWhen(false)] out string? error)
    {
        endpoint = null;
        error = null;
        var trimmed = text.Trim();
        if (trimmed.StartsWith("localhost:", StringComparison.OrdinalIgnoreCase))
            trimmed = "127.0.0.1" + trimmed["localhost".Length..];
        if (IPEndPoint.TryParse(trimmed, out var parsed) && parsed.Port > 0)
        {
            endpoint = parsed;
            return true;
        }
        error = $"\"{text}\" is not a DHT node's address: give ip:port (for example 127.0.0.1:40100).";
        return false;
    }

    /// <summary>The UDP endpoints of service nodes reached at <paramref name="urls"/> (same host, same port number).</summary>
    public static IReadOnlyList<IPEndPoint> FromNodeUrls(IEnumerable<string> urls)
    {
        var endpoints = new List<IPEndPoint>();
        foreach (var url in urls)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && TryParse($"{uri.Host}:{uri.Port}", out var endpoint, out _))
                endpoints.Add(endpoint);
        }
        return endpoints;
    }
}
