using Wisp.Crypto.Keys;

namespace Wisp.Client.Direct;

// Attachments on a direct session: sent through the outbox, kept by the inbox, and which way each went.
public sealed partial class ClientDirect
{
    /// <summary>How long a file sent direct waits for each ack (<see cref="DirectLimits.FileAckTimeout"/>; tests shorten it).</summary>
    internal TimeSpan FileAckTimeout { get; set; } = DirectLimits.FileAckTimeout;

    /// <summary>Where files that came direct are kept: <c>PROFILE/transfers/direct/SHA256.enc</c>.</summary>
    internal string FilesDirectory => Path.Combine(_profileDirectory, "transfers", "direct");

    /// <summary>The receiving side of direct files, while the connection manager runs.</summary>
    internal DirectFileInbox? FileInbox => _fileInbox;

    /// <summary>Which way the file whose ciphertext's SHA-256 is <paramref name="digest"/> went or came; null: the file server.</summary>
    public MessagePath? FilePathOf(ReadOnlySpan<byte> digest) => Store.PathOf(DirectFileInbox.FileKey(digest));

    /// <summary>
    /// Sends a staged attachment ciphertext to <paramref name="peer"/> on a direct session when direct mode with them is
    /// on and a session is (or can be) up. The transfer id and the way it went once they stored it (recorded as the
    /// file's path); null when it did not go, and the caller uploads it to the file server.
    /// </summary>
    internal async Task<(byte[] TransferId, MessagePath Path)?> TrySendFileAsync(
        AccountId peer, string ciphertextPath, long total, byte[] digest, Action<long>? acked, CancellationToken cancellationToken)
    {
        if (_fileOutbox is not { } outbox || Store.Get(peer).State != DirectState.On)
            return null;
        outbox.AckTimeout = FileAckTimeout;
        var sent = await outbox.SendAsync(peer, ciphertextPath, total, digest, acked, cancellationToken).ConfigureAwait(false);
        if (sent is { } done)
            Store.RecordPath(DirectFileInbox.FileKey(digest), done.Path, _nowMs());
        return sent;
    }
}
