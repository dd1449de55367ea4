using Wisp.Client.LocalData;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Direct;

namespace Wisp.Client.Direct;

/// <summary>
/// The receiving side of files on direct sessions: takes a contact's offer, chunks and done, and keeps the ciphertext at
/// <c>transfers/direct/SHA256.enc</c> only once every chunk arrived in order and the whole matched the offer's digest.
/// Everything the peer controls is bounded: the declared size (at most the largest attachment), transfers at once
/// (<see cref="DirectLimits.MaxFileTransfersPerPeer"/> per contact), chunk order and size, bytes against the declared
/// size. A refused or abandoned transfer leaves nothing behind; a partial file lives as <c>ID.part</c> until then.
/// </summary>
internal sealed class DirectFileInbox
{
    private readonly string _directory;
    private readonly DirectStore _store;
    private readonly Func<long> _nowMs;
    private readonly long _maxBytes;
    private readonly Dictionary<string, Incoming> _incoming = [];

    /// <param name="directory">Where files are kept (<c>PROFILE/transfers/direct</c>); partial files left idle by a crash are removed.</param>
    /// <param name="store">Where the way each file came is recorded (<c>file:DIGEST</c>).</param>
    /// <param name="nowMs">The clock (Unix ms).</param>
    /// <param name="maxBytes">The largest ciphertext a contact may offer.</param>
    public DirectFileInbox(string directory, DirectStore store, Func<long> nowMs, long maxBytes)
    {
        (_directory, _store, _nowMs, _maxBytes) = (directory, store, nowMs, maxBytes);
        if (Directory.Exists(directory))
        {
            // Only idle ones: another process of this profile may be receiving into its own.
            foreach (var part in new DirectoryInfo(directory).EnumerateFiles("*.part"))
            {
                if (DateTime.UtcNow - part.LastWriteTimeUtc > DirectLimits.FileIdle)
                    part.Delete();
            }
        }
    }

    /// <summary>Where the ciphertext whose SHA-256 is <paramref name="digest"/> is kept under <paramref name="directory"/>.</summary>
    public static string PathOf(string directory, ReadOnlySpan<byte> digest) => Path.Combine(directory, Convert.ToHexStringLower(digest) + ".enc");

    /// <summary>Transfers in progress (for tests and status).</summary>
    public int Active
    {
        get
        {
            lock (_incoming)
                return _incoming.Count;
        }
    }

    /// <summary>Takes a file frame (offer, chunk, done, or the sender's refusal) from <paramref name="session"/>'s contact.</summary>
    public async Task TakeAsync(LiveSession session, DirectFrame frame, CancellationToken cancellationToken)
    {
        var key = Key(session.Peer, frame.TransferId);
        switch (frame.Type)
        {
            case DirectFrameType.FileOffer:
                var refusal = Offer(session.Peer, key, frame);
                if (refusal is not null)
                {
                    await session.TrySendAsync(DirectFrame.FileAck(frame.TransferId, 0, refusal.Value), cancellationToken).ConfigureAwait(false);
                }
                break;
            case DirectFrameType.FileChunk when Find(key) is { } incoming:
                if (!await incoming.WriteAsync(frame.Seq, frame.Payload, _nowMs(), cancellationToken).ConfigureAwait(false))
                {
                    await DropAsync(key).ConfigureAwait(false);
                    await session.TrySendAsync(DirectFrame.FileAck(frame.TransferId, incoming.Received, FileAckState.Refused), cancellationToken).ConfigureAwait(false);
                    break;
                }
                await session.TrySendAsync(DirectFrame.FileAck(frame.TransferId, incoming.Received, FileAckState.Receiving), cancellationToken).ConfigureAwait(false);
                break;
            case DirectFrameType.FileDone when Find(key) is { } incoming:
                var stored = await incoming.FinishAsync(frame.Seq, _directory).ConfigureAwait(false);
                lock (_incoming)
                    _incoming.Remove(key);
                if (stored)
                    _store.RecordPath(FileKey(incoming.Digest), session.Link.Path, _nowMs());
                await session.TrySendAsync(
                    DirectFrame.FileAck(frame.TransferId, incoming.Received, stored ? FileAckState.Stored : FileAckState.Refused), cancellationToken).ConfigureAwait(false);
                break;
            case DirectFrameType.FileAck when frame.AckState == FileAckState.Refused:
                await DropAsync(key).ConfigureAwait(false); // the sender gave this transfer up
                break;
            default:
                break; // a chunk or done for a transfer that was refused or dropped: the sender has been told
        }
    }

    /// <summary>Drops every partial file from <paramref name="peer"/> (their session ended: the sender uses the file server).</summary>
    public async Task DropAllAsync(AccountId peer)
    {
        List<string> keys;
        lock (_incoming)
            keys = [.. _incoming.Keys.Where(k => k.StartsWith(peer.Hex, StringComparison.Ordinal))];
        foreach (var key in keys)
            await DropAsync(key).ConfigureAwait(false);
    }

    /// <summary>The <c>direct_paths</c> key under which the way a file went or came is recorded.</summary>
    public static string FileKey(ReadOnlySpan<byte> digest) => "file:" + Convert.ToHexStringLower(digest);

    private FileAckState? Offer(AccountId peer, string key, DirectFrame offer)
    {
        if (offer.Total == 0 || offer.Total > _maxBytes)
            return FileAckState.Refused;
        // A file already here (the same ciphertext, by its digest) needs no second copy.
        if (File.Exists(PathOf(_directory, offer.Digest)))
            return FileAckState.Stored;
        var now = _nowMs();
        List<Incoming> idle;
        lock (_incoming)
        {
            if (_incoming.ContainsKey(key))
                return FileAckState.Refused;
            idle = [.. _incoming.Where(e => e.Key.StartsWith(peer.Hex, StringComparison.Ordinal)
                && now - e.Value.LastFrameMs > (long)DirectLimits.FileIdle.TotalMilliseconds).Select(e => e.Value)];
            foreach (var stale in idle)
                _incoming.Remove(Key(peer, stale.TransferId));
            if (_incoming.Keys.Count(k => k.StartsWith(peer.Hex, StringComparison.Ordinal)) >= DirectLimits.MaxFileTransfersPerPeer)
            {
                _ = DisposeAllAsync(idle);
                return FileAckState.Refused;
            }
            PrivateFiles.CreateDirectory(_directory);
            _incoming[key] = new Incoming(offer.TransferId, offer.Total, offer.Digest, Path.Combine(_directory, Convert.ToHexStringLower(offer.TransferId) + ".part"), now);
        }
        _ = DisposeAllAsync(idle);
        return null;
    }

    private Incoming? Find(string key)
    {
        lock (_incoming)
            return _incoming.GetValueOrDefault(key);
    }

    private async Task DropAsync(string key)
    {
        Incoming? incoming;
        lock (_incoming)
        {
            if (!_incoming.Remove(key, out incoming))
                return;
        }
        await incoming.DiscardAsync().ConfigureAwait(false);
    }

    private static async Task DisposeAllAsync(List<Incoming> incoming)
    {
        foreach (var one in incoming)
            await one.DiscardAsync().ConfigureAwait(false);
    }

    private static string Key(AccountId peer, byte[] transferId) => peer.Hex + ":" + Convert.ToHexStringLower(transferId);

    /// <summary>One file arriving: its partial ciphertext on disk and its running SHA-256.</summary>
    private sealed class Incoming(byte[] transferId, long total, byte[] digest, string partPath, long nowMs)
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly Sha256Hasher _hash = new();
        private FileStream? _file;
        private long _bytes;
        private bool _closed;

        public byte[] TransferId { get; } = transferId;

        public byte[] Digest { get; } = digest;

        public uint Received { get; private set; }

        public long LastFrameMs { get; private set; } = nowMs;

        /// <summary>Appends chunk <paramref name="index"/>; false when it is out of order, oversized or past the declared size.</summary>
        public async Task<bool> WriteAsync(uint index, ReadOnlyMemory<byte> bytes, long nowMs, CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                LastFrameMs = nowMs;
                var last = _bytes + bytes.Length == total;
                if (_closed || index != Received || bytes.Length == 0 || bytes.Length > DirectLimits.FileChunkBytes
                    || _bytes + bytes.Length > total || (bytes.Length != DirectLimits.FileChunkBytes && !last))
                    return false;
                _file ??= new FileStream(partPath, FileMode.Create, FileAccess.Write, FileShare.None, 0, FileOptions.Asynchronous);
                await _file.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                _hash.Update(bytes.Span);
                _bytes += bytes.Length;
                Received++;
                return true;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>
        /// The sender says the file is complete in <paramref name="chunks"/>: true, and the ciphertext kept under its
        /// digest, only when every byte arrived and the whole matches the offer's digest; else nothing is kept.
        /// </summary>
        public async Task<bool> FinishAsync(uint chunks, string directory)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_closed)
                    return false;
                _closed = true;
                if (_file is not null)
                {
                    await _file.FlushAsync().ConfigureAwait(false);
                    await _file.DisposeAsync().ConfigureAwait(false);
                }
                if (chunks != Received || _bytes != total || !_hash.Finish().AsSpan().SequenceEqual(Digest))
                {
                    File.Delete(partPath);
                    return false;
                }
                File.Move(partPath, PathOf(directory, Digest), overwrite: true);
                return true;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Closes and deletes the partial file.</summary>
        public async Task DiscardAsync()
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                _closed = true;
                if (_file is not null)
                    await _file.DisposeAsync().ConfigureAwait(false);
                File.Delete(partPath);
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
