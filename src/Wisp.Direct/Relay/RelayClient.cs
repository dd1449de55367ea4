using System.Collections.Concurrent;
using System.Net;
using Wisp.Direct.Streams;
using Wisp.Protocol.Direct;

namespace Wisp.Direct.Relay;

/// <summary>
/// A peer's side of the blind relay: asks a relay to pair it with the peer holding the same token, repeating the
/// request until answered (datagrams get lost). The socket's demux sends <c>0x04</c> datagrams to <see cref="OnDatagram"/>.
/// </summary>
public sealed class RelayClient(IPacketSink sink, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (IPEndPoint Relay, TaskCompletionSource<RelayPairing> Answer)> _pending = new();

    /// <summary>How long <see cref="PairAsync"/> waits for the other peer (the relay's pairing timeout, plus a second).</summary>
    public TimeSpan PairingTimeout { get; init; } = Limits.PairingTimeout + TimeSpan.FromSeconds(1);

    /// <summary>How often an unanswered PAIR is repeated.</summary>
    public TimeSpan RetryInterval { get; init; } = Limits.PairRetryInterval;

    /// <summary>
    /// Presents <paramref name="token"/> to the relay and returns the relay's stream id for this side once the other
    /// peer has presented it too. Throws <see cref="RelayRefusedException"/> when refused or
    /// <see cref="TimeoutException"/> after <see cref="PairingTimeout"/>.
    /// </summary>
    public async Task<RelayPairing> PairAsync(IPEndPoint relay, ReadOnlyMemory<byte> token, bool isInitiator, uint localStreamId,
        CancellationToken cancellationToken = default)
    {
        if (token.Length != RelayControl.TokenBytes)
            throw new ArgumentException($"a relay token is {RelayControl.TokenBytes} bytes", nameof(token));
        var key = Convert.ToHexString(token.Span);
        var answer = new TaskCompletionSource<RelayPairing>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_pending.TryAdd(key, (relay, answer)))
            throw new InvalidOperationException("a pairing with this token is already in progress");
        try
        {
            var request = new RelayControl(RelayMessageType.Pair, isInitiator, token.ToArray(), localStreamId, RelayRefusal.None).ToBytes();
            var started = time.GetTimestamp();
            while (true)
            {
                sink.Send(relay, request);
                var left = PairingTimeout - time.GetElapsedTime(started);
                if (left <= TimeSpan.Zero)
                    throw new TimeoutException($"the relay did not pair us within {PairingTimeout.TotalSeconds:0} s");
                try
                {
                    return await answer.Task.WaitAsync(left < RetryInterval ? left : RetryInterval, time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // unanswered yet: ask again
                }
            }
        }
        finally
        {
            _pending.TryRemove(key, out _);
        }
    }

    /// <summary>Tells the relay to forget the pairing (fire-and-forget; after a direct upgrade, or when giving up).</summary>
    public void Unpair(IPEndPoint relay, ReadOnlyMemory<byte> token, bool isInitiator) =>
        sink.Send(relay, new RelayControl(RelayMessageType.Unpair, isInitiator, token.ToArray(), 0, RelayRefusal.None).ToBytes());

    /// <summary>Handles a <c>0x04</c> datagram from a relay; anything unexpected is ignored. Never throws.</summary>
    public void OnDatagram(IPEndPoint from, ReadOnlySpan<byte> datagram)
    {
        if (RelayControl.TryRead(datagram) is not { } control)
            return;
        if (!_pending.TryGetValue(Convert.ToHexString(control.Token), out var pending) || !pending.Relay.Equals(from))
            return;
        if (control.Type == RelayMessageType.Paired)
            pending.Answer.TrySetResult(new RelayPairing(from, control.StreamId));
        else if (control.Type == RelayMessageType.Refused)
            pending.Answer.TrySetException(new RelayRefusedException(control.Reason));
    }
}
