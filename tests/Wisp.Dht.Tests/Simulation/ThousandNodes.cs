using Wisp.Dht.Transport;

namespace Wisp.Dht.Tests.Simulation;

/// <summary>One seeded 1,000-node simulated DHT shared by the tests of a class (joining takes a few seconds).</summary>
public sealed class ThousandNodes : IAsyncLifetime
{
    public const int Count = 1000;
    public const int Seed = 20261203;

    internal SimulatedDht Dht { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Dht = await SimulatedDht.StartAsync(Count, Seed);

    public async ValueTask DisposeAsync() => await Dht.DisposeAsync();
}
