namespace Wisp.Protocol.Push;

/// <summary>
/// Where a push server's <see cref="Servers.ServerRunFile"/> lies. Clients of a local network read it from
/// <c>&lt;network folder&gt;/<see cref="LocalNetworkFolder"/>/<see cref="FileName"/></c>.
/// </summary>
public static class PushServerRunFile
{
    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "pushserver.json";

    /// <summary>The data directory of a local network's push server, inside the network's folder.</summary>
    public const string LocalNetworkFolder = "pushserver";
}
