using System.Globalization;
using System.Net;

namespace Wisp.Node.Onion;

/// <summary>
/// Which HTTP servers the last hop may call for a client (<see cref="ServerProxy"/>): any public address on
/// <see cref="AllowedPorts"/>, and addresses that are otherwise refused (loopback, private, link-local, multicast,
/// unspecified, carrier-grade NAT) only when <see cref="AllowedNetworks"/> names them. Set with <c>wisp node run
/// --server-ports</c> and <c>--server-allow</c>.
/// </summary>
public sealed record ServerProxyOptions
{
    /// <summary>
    /// The ports a server may be called on by default: 443 and 80, where Session's community and file servers listen
    /// (HTTPS, and plain HTTP for servers that rely on the onion layer's own encryption).
    /// </summary>
    public static readonly IReadOnlyList<int> DefaultPorts = [443, 80];

    /// <summary>The ports a server may be called on.</summary>
    public IReadOnlyList<int> AllowedPorts { get; init; } = DefaultPorts;

    /// <summary>Networks (CIDR) the operator allows although they are not public, for its own local servers; empty by default.</summary>
    public IReadOnlyList<IPNetwork> AllowedNetworks { get; init; } = [];

    /// <summary>
    /// Options from the operator's words: <paramref name="networks"/> as addresses or CIDR networks and
    /// <paramref name="ports"/> (null keeps <see cref="DefaultPorts"/>). Each entry that does not read is a problem,
    /// named with the option it came from.
    /// </summary>
    public static (ServerProxyOptions Options, IReadOnlyList<string> Problems) Parse(IReadOnlyList<string> networks, IReadOnlyList<int>? ports)
    {
        ArgumentNullException.ThrowIfNull(networks);
        var problems = new List<string>();
        var parsed = new List<IPNetwork>();
        foreach (var text in networks)
        {
            if (IPNetwork.TryParse(text, out var network))
                parsed.Add(network);
            else if (IPAddress.TryParse(text, out var address))
                parsed.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            else
                problems.Add($"--server-allow: '{text}' is neither an IP address nor a CIDR network (127.0.0.1, 10.0.0.0/8, ::1/128).");
        }
        foreach (var port in ports ?? [])
        {
            if (port is < 1 or > 65535)
                problems.Add($"--server-ports: {port.ToString(CultureInfo.InvariantCulture)} is not a TCP port; use 1-65535.");
        }
        var options = new ServerProxyOptions { AllowedNetworks = parsed, AllowedPorts = ports is { Count: > 0 } ? ports : DefaultPorts };
        return (options, problems);
    }
}
