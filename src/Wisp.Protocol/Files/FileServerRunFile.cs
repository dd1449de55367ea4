namespace Wisp.Protocol.Files;

/// <summary>
/// Where a file server's <see cref="Servers.ServerRunFile"/> lies. Clients of a local network read it from
/// <c>&lt;network folder&gt;/<see cref="LocalNetworkFolder"/>/<see cref="FileName"/></c> to reach the network's file server.
/// </summary>
public static class FileServerRunFile
{
    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "fileserver.json";

    /// <summary>The data directory of a local network's file server, inside the network's folder.</summary>
    public const string LocalNetworkFolder = "fileserver";
}
