using System.Net;
using Wisp.Dht;
using Wisp.Direct.Punching;
using Wisp.Protocol.Direct;

namespace Wisp.Direct.Connect;

internal sealed partial class Listener
{
    private async ValueTask<ReadOnlyMemory<byte>?> OnHolepunchAsync(PeerRequest request, CancellationToken ct)
    {
        if (!HolepunchBox.TryReadId(request.Value.Span, out var id) || !_slots.TryGetValue(id, out var slot)) return null;
        if (!HolepunchBox.TryOpen(slot.PunchKey, request.Value.Span, out var message)) return null;
        if (message.Flags.HasFlag(HolepunchFlags.Relay) && message.RelayAddress is { } relay && message.RelayToken is { } token)
        {
            _ = PairThroughRelayAsync(slot, relay, token);
            return HolepunchBox.Seal(slot.PunchKey, id, new HolepunchPayload { Flags = HolepunchFlags.Relay, Round = message.Round });
        }

        var ours = await core.Nat.RefreshAsync(ct);
        var clientHost = request.ClientAddress.Address;
        if (message.RemoteToken is { } echoed && core.Tokens.Verify(clientHost, echoed)) slot.VerifiedHost = clientHost;
        var strategy = PunchStrategies.Choose(ours, EndpointCore.FromWire((FirewallClass)message.Firewall));
        var error = HolepunchError.None;
        if (strategy == PunchStrategy.Relay) error = HolepunchError.DoubleRandomized;
        else if (message.Flags.HasFlag(HolepunchFlags.Punching) && !slot.Punching && strategy != PunchStrategy.Wait)
            error = StartPunch(slot, strategy, message);

        // Our token for the client's host goes only through a relay we announced: its reply reaches that host.
        var viaOurRelay = request.Relay is { } via && Relays.Contains(via);
        return HolepunchBox.Seal(slot.PunchKey, id, new HolepunchPayload
        {
            Flags = slot.Punching ? HolepunchFlags.Punching : HolepunchFlags.None,
            Error = error,
            Firewall = (byte)ours,
            Round = message.Round,
            Addresses = core.OurAddresses(),
            RemoteAddress = request.ClientAddress,
            Token = viaOurRelay ? core.Tokens.For(clientHost) : null,
            RemoteToken = message.Token,
        });
    }

    private HolepunchError StartPunch(ServerSlot slot, PunchStrategy strategy, HolepunchPayload message)
    {
        var random = strategy is PunchStrategy.RandomPorts or PunchStrategy.Birthday;
        if (random && slot.VerifiedHost is null) return HolepunchError.Aborted;
        if (random && !core.Throttle.TryEnter()) return HolepunchError.TryLater;
        slot.Punching = true;
        var hosts = message.Addresses.Select(a => a.Address).Append(slot.ClientSeenAt.Address).Distinct().ToList();
        slot.Stream.ConnectOnFirstPacket(slot.Client.StreamId ?? 0, from => hosts.Contains(from.Address));
        slot.Path.TrySetResult(DirectPath.Direct);
        _ = PunchAsync(slot, strategy, message, hosts, random);
        return HolepunchError.None;
    }

    private async Task PunchAsync(ServerSlot slot, PunchStrategy strategy, HolepunchPayload message, List<IPAddress> hosts, bool random)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(slot.Stop.Token);
        stop.CancelAfter(core.Timings.DirectTimeout + (random ? core.Timings.RandomProbeInterval * Limits.RandomProbes : TimeSpan.Zero));
        using var watch = core.Probes.Expect(hosts, echo: true);
        try
        {
            var sending = strategy switch
            {
                PunchStrategy.Rounds => Holepuncher.RoundsAsync(core.Probes, Targets(message, slot),
                    Limits.ConsistentRounds, core.Timings.RoundInterval, core.Time, stop.Token),
                PunchStrategy.RandomPorts => Holepuncher.RandomPortsAsync(core.Probes, slot.VerifiedHost!,
                    Limits.RandomProbes, core.Timings.RandomProbeInterval, core.Time, Random.Shared, stop.Token),
                PunchStrategy.Birthday => BirthdayAsync(core, Targets(message, slot)[0], stop.Token),
                _ => Task.CompletedTask,
            };
            await Task.WhenAny(slot.Stream.Connected, sending);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            if (random) core.Throttle.Exit();
        }
    }

    private async Task PairThroughRelayAsync(ServerSlot slot, IPEndPoint relay, byte[] token)
    {
        try
        {
            var pairing = await core.Relay.PairAsync(relay, token, isInitiator: false, slot.Stream.LocalId, slot.Stop.Token);
            slot.Stream.Connect(relay, pairing.RelayStreamId);
            slot.Path.TrySetResult(DirectPath.Relayed);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or Relay.RelayRefusedException or InvalidOperationException)
        {
            // The client gives up too when its own pairing fails; the slot expires.
        }
    }

    private static List<IPEndPoint> Targets(HolepunchPayload message, ServerSlot slot)
    {
        var targets = message.Addresses.Where(a => a.Port != 0).ToList();
        if (!targets.Contains(slot.ClientSeenAt)) targets.Add(slot.ClientSeenAt);
        return targets;
    }

    /// <summary>
    /// The random side's punch: many sockets probe the consistent <paramref name="remote"/>; the one that hears back
    /// is adopted for the session. Returns the peer's address as that socket heard it, or null.
    /// </summary>
    internal static async Task<IPEndPoint?> BirthdayAsync(EndpointCore core, IPEndPoint remote, CancellationToken ct)
    {
        await using var punch = BirthdayPunch.Open(core.Transport.LocalEndPoint, Limits.BirthdaySockets, remote.Address);
        var won = await punch.RunAsync(remote, Limits.RandomProbes, core.Timings.RandomProbeInterval, core.Time, ct);
        if (won is not { } winner) return null;
        core.Adopt(winner.Socket, winner.From);
        return winner.From;
    }
}
