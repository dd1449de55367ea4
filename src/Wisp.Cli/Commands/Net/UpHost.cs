using System.Net;
using System.Net.NetworkInformation;
using Wisp.Network.Local;

namespace Wisp.Cli.Commands.Net;

/// <summary>
/// <c>wisp up --host</c>: the address a local network's nodes listen on and are listed at. It must be one address of this
/// machine, because clients are told it in the registry (an "any" address cannot be dialled) and the nodes bind to it.
/// </summary>
internal static class UpHost
{
    /// <summary>Null when <paramref name="text"/> names an address the nodes can use, with it; else why not.</summary>
    public static string? Check(string text, out IPAddress address)
    {
        address = IPAddress.Loopback;
        if (!IPAddress.TryParse(text.Trim(), out var parsed) || text.Contains('/'))
            return $"--host: '{text}' is not an IP address; give one address of this machine (127.0.0.1, or e.g. 10.0.0.1 on a bridge).";
        if (parsed.Equals(IPAddress.Any) || parsed.Equals(IPAddress.IPv6Any))
            return $"--host: {parsed} listens everywhere but cannot be listed in the registry for clients to dial; give the one address they reach.";
        if (parsed.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && (parsed.GetAddressBytes()[0] >= 224 || parsed.Equals(IPAddress.Broadcast)))
            return $"--host: {parsed} is a multicast or broadcast address; give one address of this machine.";
        if (!IPAddress.IsLoopback(parsed) && !LocalAddresses().Contains(parsed))
            return $"--host: {parsed} is not an address of this machine (see `ip address`); the nodes could not listen on it.";
        address = parsed;
        return null;
    }

    /// <summary>
    /// Null when an existing network in <paramref name="folder"/> has its nodes on <paramref name="host"/> (or has none);
    /// else why <c>--host</c> cannot move it: the nodes' addresses are signed into the registry clients follow.
    /// </summary>
    public static string? Conflict(string folder, IPAddress host, string networkArgument)
    {
        if (!LocalNetwork.TryLoad(folder, out var network, out _) || !network.ActiveNodes.Any())
            return null;
        var current = Of(network);
        return current.Equals(host)
            ? null
            : $"--host: the network in {folder} has its nodes on {current}, not {host}; a network keeps its address. "
              + $"Run `wisp up{networkArgument}` without --host, or make a new network elsewhere (--network FOLDER --host {host}).";
    }

    /// <summary>Where <paramref name="network"/>'s nodes listen (its first active node's host), or 127.0.0.1 when it has none.</summary>
    public static IPAddress Of(LocalNetwork network) =>
        network.ActiveNodes.Select(n => IPAddress.TryParse(n.Host, out var ip) ? ip : null).FirstOrDefault(ip => ip is not null) ?? IPAddress.Loopback;

    private static HashSet<IPAddress> LocalAddresses()
    {
        try
        {
            return [.. NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address)];
        }
        catch (NetworkInformationException)
        {
            return [];
        }
    }
}
