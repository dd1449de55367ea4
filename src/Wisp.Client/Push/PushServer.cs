using System.Diagnostics.CodeAnalysis;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Push;
using Wisp.Protocol.Servers;

namespace Wisp.Client.Push;

/// <summary>A push server as the client reaches it: its base URL and X25519 key (the onion's last layer is encrypted to it).</summary>
/// <param name="Url">Base URL, <c>http(s)://host:port</c>.</param>
/// <param name="Key">The server's X25519 key.</param>
public sealed record PushServer(Uri Url, X25519PublicKey Key)
{
    /// <summary>The server as an onion path's last node calls it (its v4 endpoint).</summary>
    internal OnionServer ToOnionServer() => new(Url.Host, (ushort)Url.Port, Url.Scheme, Key);

    /// <summary>A server given by URL and key hex; false with why when either is unusable.</summary>
    public static bool TryCreate(string url, string keyHex, [NotNullWhen(true)] out PushServer? server, [NotNullWhen(false)] out string? error)
    {
        server = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            error = $"the push server URL must be an absolute http or https URL, not \"{url}\".";
            return false;
        }
        try
        {
            server = new PushServer(new Uri(uri.GetLeftPart(UriPartial.Authority)), X25519PublicKey.FromHex(keyHex));
            error = null;
            return true;
        }
        catch (FormatException)
        {
            error = "the push server key must be 64 hex digits (its X25519 public key).";
            return false;
        }
    }

    /// <summary>
    /// The push server of a local network (what <c>wisp up</c> started), from its run file; null with why when there is none.
    /// </summary>
    public static PushServer? OfLocalNetwork(string networkFolder, out string? error)
    {
        var path = Path.Combine(networkFolder, PushServerRunFile.LocalNetworkFolder, PushServerRunFile.FileName);
        if (!File.Exists(path))
        {
            error = $"the network in {networkFolder} runs no push server (no {PushServerRunFile.FileName}); start it with a `wisp up` of this version, or pass --server and --server-key.";
            return null;
        }
        var run = ServerRunFile.TryParse(File.ReadAllBytes(path));
        if (run is null || !TryCreate(run.Url, run.X25519, out var server, out error))
        {
            error = $"the push server's run file {path} cannot be read.";
            return null;
        }
        return server;
    }
}
