using System.Diagnostics;
using Wisp.Crypto;
using Wisp.Crypto.Keys;

namespace Wisp.Direct.Tests.Nat;

/// <summary>Shares one lab (namespaces, DHT, relay) across the pairings; skipped where it cannot run.</summary>
public sealed class NatLabFixture : IAsyncLifetime
{
    internal NatLab? Lab { get; private set; }

    internal string? Skip { get; private set; } = NatLab.Unavailable();

    private Process? _dht;

    public async ValueTask InitializeAsync()
    {
        if (Skip is not null) return;
        Lab = NatLab.Build();
        _dht = Lab.Start("pub", $"dht {NatLab.PubAddress} {NatLab.DhtPort} 5");
        var ready = await NatLab.ReadJsonAsync(_dht, TimeSpan.FromSeconds(60));
        if (ready?.GetProperty("ready").GetBoolean() != true) throw new InvalidOperationException("the DHT did not start");
    }

    public async ValueTask DisposeAsync()
    {
        NatLab.Stop(_dht);
        if (Lab is not null) await Lab.DisposeAsync();
    }
}

/// <summary>
/// Two real peer processes behind simulated NATs (consistent = MASQUERADE, random = MASQUERADE --random-fully):
/// consistent–consistent and consistent–random connect directly, random–random through the blind relay.
/// </summary>
public sealed class NatTraversalTests(NatLabFixture fixture) : IClassFixture<NatLabFixture>
{
    private static string Bootstrap => $"{NatLab.PubAddress}:{NatLab.DhtPort}";

    [Theory]
    [InlineData("c1", "c2", "direct", "consistent", "consistent")]
    [InlineData("c1", "r2", "direct", "consistent", "random")]
    [InlineData("r1", "c2", "direct", "random", "consistent")]
    [InlineData("r1", "r2", "relayed", "random", "random")]
    public async Task Peers_behind_each_pair_of_nats_connect_by_the_path_the_pair_allows(
        string connector, string listener, string path, string connectorNat, string listenerNat)
    {
        if (fixture.Skip is not null) Assert.Skip(fixture.Skip);
        var lab = fixture.Lab!;
        var serverSeed = RandomBytes.Get(32);
        using var serverKey = Ed25519KeyPair.FromSeed(serverSeed);
        var server = lab.Start(listener, $"listen {Bootstrap} {Bootstrap} {Convert.ToHexString(serverSeed)} --fast");
        try
        {
            var ready = await NatLab.ReadJsonAsync(server, TimeSpan.FromSeconds(60));
            Assert.Equal(listenerNat, ready?.GetProperty("nat").GetString());
            var client = lab.Start(connector,
                $"connect {Bootstrap} {Bootstrap} {Convert.ToHexString(RandomBytes.Get(32))} {Convert.ToHexString(serverKey.X25519PublicKey.Span)} --fast");
            try
            {
                var outcome = await NatLab.ReadJsonAsync(client, TimeSpan.FromSeconds(90));
                Assert.NotNull(outcome);
                Assert.True(outcome.Value.GetProperty("ok").GetBoolean(), outcome.Value.ToString());
                Assert.Equal(connectorNat, outcome.Value.GetProperty("nat").GetString());
                Assert.Equal(path, outcome.Value.GetProperty("path").GetString());
            }
            finally
            {
                NatLab.Stop(client);
            }
        }
        finally
        {
            NatLab.Stop(server);
        }
    }
}
