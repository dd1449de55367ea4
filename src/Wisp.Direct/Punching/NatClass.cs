namespace Wisp.Direct.Punching;

/// <summary>How a socket's NAT maps it, as seen from DHT nodes (HyperDHT's firewall classes).</summary>
public enum NatClass
{
    /// <summary>Too few samples to say.</summary>
    Unknown = 0,

    /// <summary>Reachable unsolicited at its own address: no punching needed, the other side connects in.</summary>
    Open = 1,

    /// <summary>The same public host:port towards every destination: probes to that address open a path.</summary>
    Consistent = 2,

    /// <summary>A new public port per destination: only the host is known; needs random-port or birthday punching.</summary>
    Random = 3,
}
