using System.Net;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Noise;
using Wisp.Dht;
using Wisp.Direct.Punching;
using Wisp.Protocol.Direct;

namespace Wisp.Direct.Connect;

/// <summary>
/// The client's side of hole punching, in HyperDHT's two rounds through the server's DHT relay: a probe round that
/// trades NAT classes, addresses and tokens, then a punch round after which both sides send probes by the strategy
/// their classes call for. The first probe we hear back names the path.
/// </summary>
internal sealed class ClientPunch(EndpointCore core, NoiseTransport keys, X25519PublicKey remote, HolepunchInfo info)
{
    private readonly byte[] _key = HolepunchBox.DeriveKey(keys.HandshakeHash);
    private readonly HolepunchRelay _via = info.Relays[0];

    /// <summary>Punches; returns the peer's address that answered, or null when no punch can or did work.</summary>
    public async Task<IPEndPoint?> RunAsync(CancellationToken ct)
    {
        var serverHost = _via.PeerAddress.Address;
        var first = await ExchangeAsync(Payload(1, HolepunchFlags.None, null), ct);
        if (first is { Error: HolepunchError.None, Firewall: (byte)NatClass.Unknown })
        {
            // The server could not classify its NAT yet: give it a moment, as HyperDHT does, then once more.
            await Task.Delay(TimeSpan.FromSeconds(1), core.Time, ct);
            first = await ExchangeAsync(Payload(1, HolepunchFlags.None, null), ct);
        }
        if (first is null || first.Error != HolepunchError.None) return null;
        var serverNat = EndpointCore.FromWire((FirewallClass)first.Firewall);
        var strategy = PunchStrategies.Choose(core.Nat.Class, serverNat);
        if (strategy is PunchStrategy.Relay or PunchStrategy.Wait) return null;
        var verified = first.RemoteToken is { } echoed && core.Tokens.Verify(serverHost, echoed);
        var random = strategy is PunchStrategy.RandomPorts or PunchStrategy.Birthday;
        if (random && !verified) return null;
        if (random && !core.Throttle.TryEnter()) return null;
        try
        {
            var hosts = first.Addresses.Select(a => a.Address).Append(serverHost).Distinct().ToList();
            using var watch = core.Probes.Expect(hosts, echo: false);
            var second = await ExchangeAsync(Payload(2, HolepunchFlags.Punching, first.Token), ct);
            if (second is null || second.Error != HolepunchError.None) return null;
            return await PunchAsync(strategy, first, serverHost, watch, ct);
        }
        finally
        {
            if (random) core.Throttle.Exit();
        }
    }

    /// <summary>Asks the server to pair with us through <paramref name="relay"/> under <paramref name="token"/>.</summary>
    public async Task<bool> AskRelayAsync(IPEndPoint relay, byte[] token, CancellationToken ct)
    {
        var payload = new HolepunchPayload { Flags = HolepunchFlags.Relay, Round = 3, RelayAddress = relay, RelayToken = token };
        var reply = await ExchangeAsync(payload, ct);
        return reply is not null && reply.Flags.HasFlag(HolepunchFlags.Relay);
    }

    private async Task<IPEndPoint?> PunchAsync(
        PunchStrategy strategy, HolepunchPayload server, IPAddress serverHost, ProbeWatcher.Watch watch, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var budget = strategy == PunchStrategy.Rounds
            ? core.Timings.DirectTimeout
            : core.Timings.RandomProbeInterval * Limits.RandomProbes + core.Timings.DirectTimeout;
        stop.CancelAfter(budget);
        var sending = strategy switch
        {
            PunchStrategy.Rounds => Holepuncher.RoundsAsync(core.Probes, Targets(server),
                Limits.ConsistentRounds, core.Timings.RoundInterval, core.Time, stop.Token),
            PunchStrategy.RandomPorts => Holepuncher.RandomPortsAsync(core.Probes, serverHost,
                Limits.RandomProbes, core.Timings.RandomProbeInterval, core.Time, Random.Shared, stop.Token),
            PunchStrategy.Birthday => Listener.BirthdayAsync(core, Targets(server).FirstOrDefault() ?? _via.PeerAddress, stop.Token),
            _ => Task.CompletedTask,
        };
        try
        {
            if (strategy == PunchStrategy.Birthday) return await ((Task<IPEndPoint?>)sending).WaitAsync(stop.Token);
            return await watch.First.WaitAsync(stop.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await sending;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private List<IPEndPoint> Targets(HolepunchPayload server)
    {
        var targets = server.Addresses.Where(a => a.Port != 0).ToList();
        if (_via.PeerAddress.Port != 0 && !targets.Contains(_via.PeerAddress)) targets.Add(_via.PeerAddress);
        return targets;
    }

    private HolepunchPayload Payload(byte round, HolepunchFlags flags, byte[]? echo) => new()
    {
        Flags = flags,
        Firewall = (byte)core.Nat.Class,
        Round = round,
        Addresses = core.OurAddresses(),
        RemoteAddress = _via.PeerAddress,
        Token = core.Tokens.For(_via.PeerAddress.Address),
        RemoteToken = echo,
    };

    private async Task<HolepunchPayload?> ExchangeAsync(HolepunchPayload payload, CancellationToken ct)
    {
        var reply = await core.Dht.RequestPeerAsync(PeerCommand.Holepunch, _via.RelayAddress, remote,
            HolepunchBox.Seal(_key, info.Id, payload), ct);
        return reply is not null && HolepunchBox.TryOpen(_key, reply.Value.Span, out var opened) ? opened : null;
    }
}
