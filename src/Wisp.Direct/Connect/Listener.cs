using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Wisp.Crypto.Noise;
using Wisp.Dht;
using Wisp.Direct.Punching;
using Wisp.Protocol.Direct;

namespace Wisp.Direct.Connect;

/// <summary>
/// The listening half: answers PEER_HANDSHAKE (Noise IK, firewall hook, our payload), then PEER_HOLEPUNCH rounds
/// for that handshake's slot, and hands each finished session to the accept queue.
/// </summary>
internal sealed partial class Listener(EndpointCore core, CancellationToken stopping)
{
    private readonly ConcurrentDictionary<uint, ServerSlot> _slots = new();
    private readonly ConcurrentDictionary<string, byte[]> _answered = new();
    private int _nextId = Random.Shared.Next();

    public Channel<DirectSession> Accepted { get; } =
        Channel.CreateBounded<DirectSession>(new BoundedChannelOptions(Limits.AcceptBacklog) { FullMode = BoundedChannelFullMode.DropWrite });

    public IReadOnlyList<IPEndPoint> Relays { get; set; } = [];

    public ValueTask<ReadOnlyMemory<byte>?> HandleAsync(PeerRequest request, CancellationToken ct) => request.Command switch
    {
        PeerCommand.Handshake => OnHandshakeAsync(request, ct),
        PeerCommand.Holepunch => OnHolepunchAsync(request, ct),
        _ => ValueTask.FromResult<ReadOnlyMemory<byte>?>(null),
    };

    private async ValueTask<ReadOnlyMemory<byte>?> OnHandshakeAsync(PeerRequest request, CancellationToken ct)
    {
        // The client retries through other relays with the same bytes: answer those with the same reply.
        var dedupe = Convert.ToBase64String(request.Value.Span);
        if (_answered.TryGetValue(dedupe, out var earlier)) return earlier;
        if (_slots.Count >= Limits.MaxPendingHandshakes) return null;

        using var noise = new NoiseHandshake(NoisePattern.IK, false, core.NoiseKey, null, NoiseProtocol.DirectPrologue);
        if (!noise.TryReadMessage(request.Value.Span, out var clientBytes)) return null;
        var read = HandshakePayload.Read(clientBytes);
        if (!read.Ok || noise.RemoteStatic is not { } remote) return null;
        var client = read.Payload!;

        if (core.Options.Firewall is { } firewall && !firewall(remote, request.ClientAddress))
        {
            // Not remembered: a refusal holds nothing, and remembering it would let refused peers fill memory.
            return noise.WriteMessage(new HandshakePayload(HandshakePayload.CurrentVersion, HandshakeError.Refused,
                FirewallClass.Unknown, []).Write());
        }

        var nat = await core.Nat.RefreshAsync(ct);
        var stream = core.Streams.Create();
        var id = (uint)Interlocked.Increment(ref _nextId);
        var ours = core.OurAddresses();
        var seenAs = ours.FirstOrDefault() ?? core.Transport.LocalEndPoint;
        HolepunchInfo? holepunch = nat == NatClass.Open
            ? null
            : new HolepunchInfo(id, OrderRelays(request.Relay).Select(r => new HolepunchRelay(r, seenAs)).ToList());
        var reply = noise.WriteMessage(new HandshakePayload(HandshakePayload.CurrentVersion, HandshakeError.None,
            EndpointCore.ToWire(nat), ours, stream.LocalId, holepunch).Write());
        var keys = noise.Split();
        EndpointCore.BindDestroy(stream, keys);
        var slot = new ServerSlot(id, remote, keys, stream, client, request.ClientAddress);
        _slots[id] = slot;
        _answered[dedupe] = reply;

        var clientNat = EndpointCore.FromWire(client.Firewall);
        if (clientNat == NatClass.Open)
        {
            stream.Connect(DirectAddress(client.Addresses, request.ClientAddress), client.StreamId ?? 0);
            slot.Path.TrySetResult(DirectPath.Direct);
        }
        else if (nat == NatClass.Open)
        {
            stream.ConnectOnFirstPacket(client.StreamId ?? 0);
            slot.Path.TrySetResult(DirectPath.Direct);
        }
        _ = RunSlotAsync(slot, dedupe);
        return reply;
    }

    private async Task RunSlotAsync(ServerSlot slot, string dedupe)
    {
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        lifetime.CancelAfter(Limits.HandshakeSlotLifetime);
        try
        {
            var path = await slot.Path.Task.WaitAsync(lifetime.Token);
            await slot.Stream.Connected.WaitAsync(lifetime.Token);
            var session = await core.OpenSessionAsync(slot.Stream, slot.Keys, slot.Remote, false, path, lifetime.Token);
            if (!Accepted.Writer.TryWrite(session)) await session.DisposeAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or IOException)
        {
            slot.Stream.Destroy();
        }
        finally
        {
            await slot.Stop.CancelAsync();
            _slots.TryRemove(slot.Id, out _);
            _answered.TryRemove(dedupe, out _);
            slot.Keys.Dispose();
            slot.Stop.Dispose();
        }
    }

    private IEnumerable<IPEndPoint> OrderRelays(IPEndPoint? first) =>
        (first is null ? Relays : Relays.Prepend(first)).Distinct().Take(Limits.MaxAddresses);

    /// <summary>An open peer's own address if it gave one with a port, else where the relay saw it.</summary>
    internal static IPEndPoint DirectAddress(IReadOnlyList<IPEndPoint> advertised, IPEndPoint seenAt) =>
        advertised.FirstOrDefault(a => a.Port != 0) ?? seenAt;
}
