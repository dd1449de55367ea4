using System.Net;

namespace Wisp.Dht;

/// <summary>How a <see cref="DhtNode"/> runs.</summary>
public sealed record DhtOptions
{
    /// <summary>Nodes to start from (service nodes' UDP addresses, or a given list).</summary>
    public IReadOnlyList<IPEndPoint> Bootstrap { get; init; } = [];

    /// <summary>
    /// False (the default): an ephemeral client that asks but never enters other nodes' routing tables and stores
    /// nothing. True: a service node that stores records and forward entries and is offered to others as a contact.
    /// </summary>
    public bool Persistent { get; init; }

    /// <summary>The node's public address when it is known beforehand (a bootstrap node); otherwise learned from what other nodes observe.</summary>
    public IPEndPoint? PublicEndPoint { get; init; }

    /// <summary>
    /// A second socket on the node's host (another port) that PING_NAT is answered from, as HyperDHT's server socket
    /// answers: the reply reaches the asker only if its socket takes datagrams from someone it never wrote to. Without
    /// one the node leaves PING_NAT unanswered, because a reply from the socket the asker wrote to proves nothing.
    /// <see cref="DhtNode.BindUdp"/> binds one for a persistent node; the node never closes one given here.
    /// </summary>
    public Transport.IDatagramTransport? NatCheckSocket { get; init; }

    /// <summary>Wait for a reply before resending; <see cref="Limits.RequestTimeout"/> unless a simulation on a loaded machine needs longer.</summary>
    internal TimeSpan RequestTimeout { get; init; } = Limits.RequestTimeout;
}
