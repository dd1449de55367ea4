using System.Diagnostics.CodeAnalysis;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Files;
using Wisp.Protocol.Servers;

namespace Wisp.Client.Attachments;

/// <summary>
/// A file server as a message names it: its base URL and X25519 key. An attachment's <c>AttachmentPointer.url</c> is
/// <c>BASE/chunk/MANIFEST#p=KEY</c> (Session's URL with its <c>#p=</c> key fragment), so whoever receives the message
/// knows where to fetch it and how to reach it through the onion.
/// </summary>
internal sealed record FileServerAddress(Uri BaseUrl, X25519PublicKey Key)
{
    /// <summary>The server as an onion path's last node calls it.</summary>
    public OnionServer ToOnionServer() => new(BaseUrl.Host, (ushort)BaseUrl.Port, BaseUrl.Scheme, Key, FileRoutes.OnionV4);

    /// <summary>The pointer URL of the attachment whose manifest chunk is <paramref name="manifestHash"/>.</summary>
    public string PointerUrl(string manifestHash) =>
        $"{BaseUrl.GetLeftPart(UriPartial.Authority)}{FileRoutes.Chunk(manifestHash)}#p={Key.ToHex()}";

    /// <summary>Reads a pointer URL; false when it is not one of Wisp's chunked attachments.</summary>
    public static bool TryParsePointer(string? url, [NotNullWhen(true)] out FileServerAddress? server, [NotNullWhen(true)] out string? manifestHash)
    {
        server = null;
        manifestHash = null;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return false;
        const string Prefix = "/chunk/";
        var fragment = uri.Fragment.StartsWith("#p=", StringComparison.Ordinal) ? uri.Fragment[3..].Split('&')[0] : null;
        if (!uri.AbsolutePath.StartsWith(Prefix, StringComparison.Ordinal) || fragment is null)
            return false;
        var hash = uri.AbsolutePath[Prefix.Length..];
        if (!ChunkHash.IsValid(hash) || TryKey(fragment) is not { } key)
            return false;
        server = new FileServerAddress(new Uri(uri.GetLeftPart(UriPartial.Authority)), key);
        manifestHash = hash;
        return true;
    }

    /// <summary>The file server of a local network (what <c>wisp up</c> started), from its run file; null when there is none.</summary>
    public static FileServerAddress? OfLocalNetwork(string networkFolder)
    {
        var path = Path.Combine(networkFolder, FileServerRunFile.LocalNetworkFolder, FileServerRunFile.FileName);
        if (!File.Exists(path))
            return null;
        var run = ServerRunFile.TryParse(File.ReadAllBytes(path));
        return run is not null && Uri.TryCreate(run.Url, UriKind.Absolute, out var url) && TryKey(run.X25519) is { } key
            ? new FileServerAddress(url, key)
            : null;
    }

    private static X25519PublicKey? TryKey(string hex)
    {
        try
        {
            return X25519PublicKey.FromHex(hex);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
