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
}
