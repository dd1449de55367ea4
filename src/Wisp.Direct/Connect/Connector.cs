using System.Net;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Noise;
using Wisp.Dht;
using Wisp.Direct.Punching;
using Wisp.Direct.Streams;
using Wisp.Protocol.Direct;

namespace Wisp.Direct.Connect;

/// <summary>
/// The connecting half: finds the remote's DHT relays, runs Noise IK through one, then opens the path the two NAT
/// classes allow (straight, punched, or through a blind relay) and starts the secret stream on it.
/// </summary>
internal sealed partial class Connector(EndpointCore core)
{
    /// <summary>The result of a handshake: keys, our stream, what the server said, and where the relay saw it.</summary>
    private sealed record Answered(NoiseTransport Keys, ReliableStream Stream, HandshakePayload Server, PeerReply Reply);

    public async Task<DirectSession> ConnectAsync(X25519PublicKey remote, bool allowRelay, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(core.Timings.ConnectTimeout);
        try
        {
            await core.Nat.RefreshAsync(timeout.Token);
            var relays = await core.Dht.FindPeerAsync(remote, timeout.Token);
            if (relays.Count == 0)
                throw new DirectConnectException(DirectConnectError.NotFound, "No DHT node knows this direct key: the peer is not listening.");
            foreach (var relay in relays.Take(Limits.HandshakeAttempts))
            {
                var answered = await HandshakeAsync(remote, relay.Relay, timeout.Token);
                if (answered is null) continue;
                try
                {
                    return await OpenPathAsync(remote, answered, allowRelay, timeout.Token);
                }
                catch
                {
                    answered.Stream.Destroy();
                    throw;
                }
                finally
                {
                    answered.Keys.Dispose();
                }
            }
            throw new DirectConnectException(DirectConnectError.HandshakeFailed, "No DHT relay brought back the peer's handshake.");
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new DirectConnectException(DirectConnectError.Timeout, "Connecting took too long.", e);
        }
    }

    private async Task<Answered?> HandshakeAsync(X25519PublicKey remote, IPEndPoint relay, CancellationToken ct)
    {
        using var noise = new NoiseHandshake(NoisePattern.IK, true, core.NoiseKey, remote, NoiseProtocol.DirectPrologue);
        var stream = core.Streams.Create();
        var ours = new HandshakePayload(HandshakePayload.CurrentVersion, HandshakeError.None,
            EndpointCore.ToWire(core.Nat.Class), core.OurAddresses(), stream.LocalId);
        var reply = await core.Dht.RequestPeerAsync(PeerCommand.Handshake, relay, remote, noise.WriteMessage(ours.Write()), ct);
        if (reply is null)
        {
            stream.Destroy();
            return null;
        }
        if (!noise.TryReadMessage(reply.Value.Span, out var serverBytes) || HandshakePayload.Read(serverBytes) is not { Ok: true } read)
        {
            stream.Destroy();
            throw new DirectConnectException(DirectConnectError.HandshakeFailed, "The peer's handshake reply did not verify (wrong key or tampered).");
        }
        if (read.Payload!.Error != HandshakeError.None || read.Payload.StreamId is null)
        {
            stream.Destroy();
            throw new DirectConnectException(DirectConnectError.Refused, $"The peer refused the connection ({read.Payload.Error}).");
        }
        var keys = noise.Split();
        EndpointCore.BindDestroy(stream, keys);
        return new Answered(keys, stream, read.Payload, reply);
    }

    private async Task<DirectSession> OpenPathAsync(X25519PublicKey remote, Answered answered, bool allowRelay, CancellationToken ct)
    {
        var server = answered.Server;
        var stream = answered.Stream;
        var serverId = server.StreamId!.Value;
        var serverNat = EndpointCore.FromWire(server.Firewall);
        if (serverNat == NatClass.Open)
        {
            stream.Connect(Listener.DirectAddress(server.Addresses, answered.Reply.ServerAddress), serverId);
            return await core.OpenSessionAsync(stream, answered.Keys, remote, true, DirectPath.Direct, ct);
        }
        if (core.Nat.Class == NatClass.Open)
        {
            // The server connects in to our advertised address.
            stream.ConnectOnFirstPacket(serverId);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(core.Timings.DirectTimeout);
            await stream.Connected.WaitAsync(wait.Token);
            return await core.OpenSessionAsync(stream, answered.Keys, remote, true, DirectPath.Direct, ct);
        }
        var punch = server.Holepunch is { Relays.Count: > 0 } info ? new ClientPunch(core, answered.Keys, remote, info) : null;
        if (punch is not null && await punch.RunAsync(ct) is { } peer)
        {
            stream.Connect(peer, serverId);
            return await core.OpenSessionAsync(stream, answered.Keys, remote, true, DirectPath.Direct, ct);
        }
        if (punch is null || core.Options.RelayNodes.Count == 0 || !allowRelay)
            throw new DirectConnectException(DirectConnectError.PunchFailed,
                $"No direct path opened ({core.Nat.Class} NAT here, {serverNat} there) and "
                + (allowRelay ? "no relay is configured." : "a relay was not wanted."));
        return await RelayAsync(remote, answered, punch, ct);
    }

    private async Task<DirectSession> RelayAsync(X25519PublicKey remote, Answered answered, ClientPunch punch, CancellationToken ct)
    {
        Exception? last = null;
        foreach (var relay in core.Options.RelayNodes.Take(Limits.RelayAttempts))
        {
            var token = Crypto.RandomBytes.Get(HolepunchPayloadCodec.TokenBytes);
            try
            {
                if (!await punch.AskRelayAsync(relay, token, ct)) continue;
                var pairing = await core.Relay.PairAsync(relay, token, isInitiator: true, answered.Stream.LocalId, ct);
                answered.Stream.Connect(relay, pairing.RelayStreamId);
                return await core.OpenSessionAsync(answered.Stream, answered.Keys, remote, true, DirectPath.Relayed, ct);
            }
            catch (Exception e) when (e is TimeoutException or Relay.RelayRefusedException)
            {
                last = e;
            }
        }
        throw new DirectConnectException(DirectConnectError.RelayFailed, "No blind relay paired us with the peer.", last);
    }
}
