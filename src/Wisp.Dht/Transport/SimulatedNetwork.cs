using System.Net;

namespace Wisp.Dht.Transport;

/// <summary>
/// An in-process network of datagram transports for tests and the bench (never for anything a user runs): seeded
/// address assignment and loss, delivery in order of sending through one pump.
/// </summary>
public sealed class SimulatedNetwork
{
    /// <summary>A network whose choices follow <paramref name="seed"/>; each datagram is lost with probability <paramref name="loss"/>.</summary>
    public SimulatedNetwork(int seed, double loss = 0, TimeProvider? time = null) => throw new NotImplementedException();

    /// <summary>A transport at <paramref name="endpoint"/>, or at the next free simulated address.</summary>
    public IDatagramTransport Bind(IPEndPoint? endpoint = null) => throw new NotImplementedException();
}
