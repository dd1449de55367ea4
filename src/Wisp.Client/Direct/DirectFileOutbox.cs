using System.Collections.Concurrent;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Direct;

namespace Wisp.Client.Direct;

/// <summary>
/// The sending side of files on direct sessions: an attachment's ciphertext (already encrypted and staged, exactly as it
/// would go to the file server) offered with its size and SHA-256, then sent in <see cref="DirectLimits.FileChunkBytes"/>
/// chunks with at most <see cref="DirectLimits.FileWindow"/> unacknowledged, then done. It succeeds only when the
/// receiver answers "stored"; a refusal, a session that ends, or no ack for <see cref="AckTimeout"/> gives the transfer
/// up (the receiver is told, and drops its partial copy), and the caller uploads the file to the file server instead.
/// </summary>
internal sealed class DirectFileOutbox(DirectSessions sessions, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Outgoing> _sending = new();

    /// <summary>How long the sender waits for the receiver's next ack (<see cref="DirectLimits.FileAckTimeout"/>; tests shorten it).</summary>
    public TimeSpan AckTimeout { get; set; } = DirectLimits.FileAckTimeout;

    /// <summary>
    /// Sends the <paramref name="total"/> bytes of <paramref name="ciphertextPath"/> (SHA-256 <paramref name="digest"/>)
    /// to <paramref name="peer"/> on a live (or newly opened) session. The transfer id and the way it went when the
    /// receiver stored it; null when it did not go (no session, refused, timed out): nothing was kept there.
    /// </summary>
    public async Task<(byte[] TransferId, MessagePath Path)?> SendAsync(
        AccountId peer, string ciphertextPath, long total, byte[] digest, CancellationToken cancellationToken)
    {
        if (total <= 0 || await sessions.EnsureAsync(peer, cancellationToken).ConfigureAwait(false) is not { } session)
            return null;
        var id = Crypto.RandomBytes.Get(DirectFrame.TransferIdBytes);
        var key = Key(peer, id);
        var outgoing = new Outgoing();
        _sending[key] = outgoing;
        try
        {
            if (await RunAsync(session, outgoing, id, ciphertextPath, total, digest, cancellationToken).ConfigureAwait(false))
                return (id, session.Link.Path);
            // Tell the receiver, so its partial copy goes now rather than when the session ends.
            await session.TrySendAsync(DirectFrame.FileAck(id, 0, FileAckState.Refused), cancellationToken).ConfigureAwait(false);
            return null;
        }
        finally
        {
            _sending.TryRemove(key, out _);
        }
    }

    /// <summary>Takes the receiver's ack of one of this device's transfers.</summary>
    public void Acked(AccountId peer, DirectFrame ack)
    {
        if (_sending.TryGetValue(Key(peer, ack.TransferId), out var outgoing))
            outgoing.Update(ack.Seq, ack.AckState);
    }

    private async Task<bool> RunAsync(
        LiveSession session, Outgoing outgoing, byte[] id, string ciphertextPath, long total, byte[] digest, CancellationToken cancellationToken)
    {
        if (!await session.TrySendAsync(DirectFrame.FileOffer(id, total, digest), cancellationToken).ConfigureAwait(false))
            return false;
        var chunks = (uint)((total + DirectLimits.FileChunkBytes - 1) / DirectLimits.FileChunkBytes);
        var buffer = new byte[DirectLimits.FileChunkBytes];
        await using var file = new FileStream(ciphertextPath, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        uint next = 0;
        while (true)
        {
            var (received, state) = outgoing.Snapshot();
            if (state == FileAckState.Stored)
                return true; // the receiver has it already (by its digest), or it just finished
            if (state == FileAckState.Refused || received > next)
                return false;
            if (next < chunks && next - received < DirectLimits.FileWindow)
            {
                var length = (int)Math.Min(DirectLimits.FileChunkBytes, total - ((long)next * DirectLimits.FileChunkBytes));
                await file.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                if (!await session.TrySendAsync(DirectFrame.FileChunk(id, next, buffer.AsMemory(0, length)), cancellationToken).ConfigureAwait(false))
                    return false;
                if (++next == chunks && !await session.TrySendAsync(DirectFrame.FileDone(id, chunks), cancellationToken).ConfigureAwait(false))
                    return false;
                continue;
            }
            // The window is full, or everything is sent and the receiver's verdict is due: wait for its next word.
            if (!await outgoing.WaitAsync(AckTimeout, time, session.Closed, cancellationToken).ConfigureAwait(false))
                return false;
        }
    }

    private static string Key(AccountId peer, byte[] transferId) => peer.Hex + ":" + Convert.ToHexStringLower(transferId);

    /// <summary>What the receiver last said about one transfer.</summary>
    private sealed class Outgoing
    {
        private readonly SemaphoreSlim _news = new(0);
        private readonly Lock _gate = new();
        private uint _received;
        private FileAckState _state;

        public (uint Received, FileAckState State) Snapshot()
        {
            lock (_gate)
                return (_received, _state);
        }

        public void Update(uint received, FileAckState state)
        {
            lock (_gate)
            {
                if (_state != FileAckState.Receiving)
                    return;
                _received = Math.Max(_received, received);
                _state = state;
            }
            _news.Release();
        }

        /// <summary>Waits for the next ack; false when none came in <paramref name="timeout"/> or the session ended.</summary>
        public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken closed, CancellationToken cancellationToken)
        {
            using var timer = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, closed, cancellationToken);
            try
            {
                await _news.WaitAsync(linked.Token).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return false;
            }
        }
    }
}
