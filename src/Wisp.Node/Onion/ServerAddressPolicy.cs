using System.Net;
using System.Net.Sockets;

namespace Wisp.Node.Onion;

/// <summary>
/// Whether the last hop may connect to an address and port on a client's behalf. Addresses a stranger could use to
/// reach what is behind the node — loopback, RFC 1918 and unique-local private networks, link-local, multicast,
/// unspecified and reserved, carrier-grade NAT — are refused unless the operator's allowlist names them; IPv6 forms
/// that carry an IPv4 address (mapped, NAT64, 6to4) are judged by that address. Checked on the resolved address of
/// every connection, so a name that later resolves elsewhere (DNS rebinding) is caught at connect time.
/// </summary>
public sealed class ServerAddressPolicy(ServerProxyOptions options)
{
    private static readonly IPNetwork[] RefusedV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),       // unspecified, "this network"
        IPNetwork.Parse("10.0.0.0/8"),      // private
        IPNetwork.Parse("100.64.0.0/10"),   // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),     // loopback
        IPNetwork.Parse("169.254.0.0/16"),  // link-local (and cloud metadata services)
        IPNetwork.Parse("172.16.0.0/12"),   // private
        IPNetwork.Parse("192.0.0.0/24"),    // IETF protocol assignments
        IPNetwork.Parse("192.168.0.0/16"),  // private
        IPNetwork.Parse("198.18.0.0/15"),   // benchmarking
        IPNetwork.Parse("224.0.0.0/4"),     // multicast
        IPNetwork.Parse("240.0.0.0/4"),     // reserved and broadcast
    ];

    private static readonly IPNetwork[] RefusedV6 =
    [
        IPNetwork.Parse("::/128"),          // unspecified
        IPNetwork.Parse("::1/128"),         // loopback
        IPNetwork.Parse("::/96"),           // IPv4-compatible (deprecated)
        IPNetwork.Parse("100::/64"),        // discard-only
        IPNetwork.Parse("fc00::/7"),        // unique local (private)
        IPNetwork.Parse("fe80::/10"),       // link-local
        IPNetwork.Parse("fec0::/10"),       // site-local (deprecated)
        IPNetwork.Parse("ff00::/8"),        // multicast
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

    /// <summary>The options this policy applies.</summary>
    public ServerProxyOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>Null when <paramref name="port"/> may be called; else the refusal, in words for the client.</summary>
    public string? PortRefusal(int port) => Options.AllowedPorts.Contains(port)
        ? null
        : $"Server port {port} is not allowed (this node calls servers on port {string.Join(", ", Options.AllowedPorts)})";

    /// <summary>Null when <paramref name="address"/> may be connected to; else the refusal, in words for the client.</summary>
    public string? AddressRefusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (Options.AllowedNetworks.Any(network => network.Contains(address)))
            return null;
        var kind = KindOf(address);
        return kind is null ? null : $"Server address {address} is not allowed ({kind} addresses are not relayed to)";
    }

    /// <summary>What kind of non-public address this is; null for a public one.</summary>
    private static string? KindOf(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
            return RefusedV4.Any(network => network.Contains(address)) ? "loopback, private, link-local, multicast or reserved" : null;
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return "non-IP";
        if (RefusedV6.Any(network => network.Contains(address)))
            return "loopback, private, link-local, multicast or reserved";
        var bytes = address.GetAddressBytes();
        // Addresses that route to an IPv4 address are judged by it.
        if (Nat64.Contains(address)) return KindOf(new IPAddress(bytes.AsSpan(12, 4)));
        if (SixToFour.Contains(address)) return KindOf(new IPAddress(bytes.AsSpan(2, 4)));
        return null;
    }
}
