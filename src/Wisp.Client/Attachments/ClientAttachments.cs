using Wisp.Client.Conversations;
using Wisp.Client.Direct;
using Wisp.Client.Groups;
using Wisp.Client.Live;
using Wisp.Client.Messaging;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;

namespace Wisp.Client.Attachments;

/// <summary>What sending files came to: the message (when every file was uploaded), each upload, or why not.</summary>
public sealed record SendFilesResult(MessageView? Message, IReadOnlyList<UploadResult> Uploads, string? Error)
{
    /// <summary>True when the message was queued.</summary>
    public bool Ok => Message is not null;
}

/// <summary>What sending files to a group came to: the group message (sent, or failed with why), each upload, or why not.</summary>
public sealed record GroupFilesResult(GroupMessageView? Message, IReadOnlyList<UploadResult> Uploads, string? Error)
{
    /// <summary>True when the message reached the group's swarm.</summary>
    public bool Ok => Message is not null && Error is null;
}

/// <summary>
/// The front door's attachments: send files to a peer (each encrypted and uploaded through onion paths, N chunks at a
/// time, then one message carrying their pointers), list a message's files, and download one (digest checked before
/// it is written under its name). Transfers resume after a restart: their records live in the profile's
/// <c>transfers</c> directory.
/// </summary>
public sealed class ClientAttachments : IDisposable
{
    private readonly AccountData _data;
    private readonly Sender _sender;
    private readonly Func<LocalNetworkConnection?> _connection;
    private readonly Func<string?> _networkFolder;
    private readonly Func<string?> _displayName;
    private readonly string _transfers;
    private readonly TimeProvider _time;
    private readonly Lazy<OnionTransport> _transport;
    private readonly Func<ClientGroups> _groups;

    internal ClientAttachments(
        AccountData data, Sender sender, string profileDirectory, Func<LocalNetworkConnection?> connection, Func<string?> networkFolder,
        Func<string?> displayName, TimeProvider time, Func<ClientGroups> groups)
    {
        _groups = groups;
        _data = data;
        _sender = sender;
        _connection = connection;
        _networkFolder = networkFolder;
        _displayName = displayName;
        _transfers = Path.Combine(profileDirectory, "transfers");
        _time = time;
        _transport = new Lazy<OnionTransport>(() => new OnionTransport(time));
    }

    /// <summary>Chunks in flight at once (one onion path each); 1–16.</summary>
    public int ParallelPaths { get; set; } = AttachmentLimits.DefaultParallelPaths;

    /// <summary>
    /// Uploads <paramref name="paths"/> to the network's file server and queues one message to <paramref name="peer"/>
    /// carrying them and <paramref name="caption"/>. Files already uploaded by an earlier, interrupted call are not sent
    /// again (only their missing chunks are).
    /// </summary>
    public async Task<SendFilesResult> SendFilesAsync(
        AccountId peer, IReadOnlyList<string> paths, string? caption, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peer);
        var (uploads, error) = await UploadAllAsync(peer, paths, progress, cancellationToken).ConfigureAwait(false);
        if (error is not null)
            return new SendFilesResult(null, uploads, error);
        var pointers = uploads.Select(u => u.Attachment!.ToPointer()).ToList();
        var message = _sender.QueueAttachments(peer, caption, pointers, _displayName(), out error);
        return new SendFilesResult(message, uploads, error);
    }

    /// <summary>
    /// Uploads <paramref name="paths"/> once and sends one message carrying them and <paramref name="caption"/> to group
    /// <paramref name="groupId"/>: every member downloads the same upload. Interrupted uploads resume as for a peer.
    /// </summary>
    public async Task<GroupFilesResult> SendFilesToGroupAsync(
        string groupId, IReadOnlyList<string> paths, string? caption, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        if (_groups().Find(groupId, out _) is not { Role: GroupRole.Member or GroupRole.Admin } group || group.Id != groupId)
            return new GroupFilesResult(null, [], $"this account is not in group {groupId}");
        var (uploads, error) = await UploadAllAsync(null, paths, progress, cancellationToken).ConfigureAwait(false);
        if (error is not null)
            return new GroupFilesResult(null, uploads, error);
        var pointers = uploads.Select(u => u.Attachment!.ToPointer()).ToList();
        var (message, sendError) = await _groups().SendAttachmentsAsync(groupId, caption, pointers, cancellationToken).ConfigureAwait(false);
        return new GroupFilesResult(message, uploads, sendError);
    }

    // A peer in direct mode with a live session gets each file on it first; whatever does not go is uploaded.
    private async Task<(List<UploadResult> Uploads, string? Error)> UploadAllAsync(
        AccountId? peer, IReadOnlyList<string> paths, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        if (paths.Count is 0 or > AttachmentLimits.MaxFilesPerMessage)
            return ([], $"a message carries 1 to {AttachmentLimits.MaxFilesPerMessage} files; got {paths.Count}");
        var channels = Channels(out var server);
        var noServer = channels is null ? "not connected to a network" : server is null ? NoServer() : null;
        var direct = peer is not null && Direct is { Running: true } running ? running : null;
        if (noServer is not null && direct is null)
            return ([], noServer);
        var uploader = new AttachmentUploader(_transfers, channels, _time);
        var uploads = new List<UploadResult>();
        foreach (var path in paths)
        {
            if (direct is not null && await SendDirectAsync(direct, uploader, peer!, path, server, cancellationToken).ConfigureAwait(false) is { } sent)
            {
                uploads.Add(sent);
                continue;
            }
            if (noServer is not null)
                return (uploads, $"{Path.GetFileName(path)}: it could not go on a direct session, and {noServer}");
            var upload = await uploader.UploadAsync(path, server!, ParallelPaths, progress, cancellationToken).ConfigureAwait(false);
            uploads.Add(upload);
            if (!upload.Ok)
                return (uploads, $"{Path.GetFileName(path)}: {upload.Error}");
        }
        return (uploads, null);
    }

    private static async Task<UploadResult?> SendDirectAsync(
        Direct.ClientDirect direct, AttachmentUploader uploader, AccountId peer, string path, FileServerAddress? server, CancellationToken cancellationToken)
    {
        // Staged exactly as for the file server, so a fallback upload sends the very same ciphertext (key and digest).
        var (staged, _) = await uploader.StageAsync(path, server, cancellationToken).ConfigureAwait(false);
        if (staged is null)
            return null; // the upload says why
        var digest = Convert.FromHexString(staged.Record.Digest);
        if (await direct.TrySendFileAsync(peer, staged.CiphertextPath, staged.Record.CiphertextBytes, digest, cancellationToken).ConfigureAwait(false) is not { } sent)
            return null;
        return new UploadResult(AttachmentUploader.SentDirect(staged, sent.TransferId), null, 0, 0) { Via = sent.Path };
    }

    /// <summary>Direct mode, for sending files on direct sessions (set by the client).</summary>
    internal Direct.ClientDirect? Direct { get; set; }

    /// <summary>
    /// Which way attachment <paramref name="attachmentId"/> went or came: direct or relayed on a direct session, or null
    /// for the file server (and for an unknown id).
    /// </summary>
    public Direct.MessagePath? ViaOf(string attachmentId)
    {
        if (_data.Attachments.Find(attachmentId) is not { } found || AttachmentInfo.FromPointer(found.Pointer) is not { } info || !DirectFileUrl.Is(info.Url))
            return null;
        return Direct?.FilePathOf(info.Digest) ?? Wisp.Client.Direct.MessagePath.Direct;
    }

    /// <summary>The files of message <paramref name="messageId"/>, in order (empty when it has none).</summary>
    public IReadOnlyList<AttachmentView> ForMessage(string messageId) => _data.Attachments.ForMessage(messageId);

    /// <summary>The attachment <c>MESSAGE:INDEX</c>, or null.</summary>
    public AttachmentView? Find(string attachmentId) => _data.Attachments.Find(attachmentId)?.View;

    /// <summary>
    /// Downloads attachment <paramref name="attachmentId"/> into <paramref name="outputDirectory"/>: chunks checked
    /// against their addresses, the whole against the message's digest, then decrypted. An interrupted download
    /// resumes from the chunks already on disk.
    /// </summary>
    public async Task<DownloadResult> DownloadAsync(
        string attachmentId, string outputDirectory, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachmentId);
        if (_data.Attachments.Find(attachmentId) is not { } found)
            return new DownloadResult(null, $"there is no attachment {attachmentId}", 0, 0);
        if (AttachmentInfo.FromPointer(found.Pointer) is not { } info)
            return new DownloadResult(null, "the message's pointer lacks a URL, key or digest", 0, 0);
        if (DirectFileUrl.Is(info.Url))
        {
            var local = await SaveDirectAsync(info, outputDirectory, cancellationToken).ConfigureAwait(false);
            if (local.Ok || local.Error!.EndsWith("refused", StringComparison.Ordinal))
                _data.Attachments.SetOutcome(found.View.MessageId, found.View.Index, local.Path, local.Error);
            return local with { Via = ViaOf(attachmentId) };
        }
        if (Channels(out _) is not { } channels)
            return new DownloadResult(null, "not connected to a network", 0, 0);
        var downloader = new AttachmentDownloader(_transfers, channels, _time);
        var result = await downloader.DownloadAsync(info, outputDirectory, ParallelPaths, progress, cancellationToken).ConfigureAwait(false);
        // A way that failed is not the file's fault: only a refusal of the file itself is recorded as failed.
        if (result.Ok || result.Error!.EndsWith("refused", StringComparison.Ordinal))
            _data.Attachments.SetOutcome(found.View.MessageId, found.View.Index, result.Path, result.Error);
        return result;
    }

    // A file that came on a direct session is on this device already: checked against the digest and decrypted from there.
    private async Task<DownloadResult> SaveDirectAsync(AttachmentInfo info, string outputDirectory, CancellationToken cancellationToken)
    {
        var ciphertext = DirectFileInbox.PathOf(Path.Combine(_transfers, "direct"), info.Digest);
        if (!File.Exists(ciphertext))
        {
            return new DownloadResult(null, "the file was sent on a direct session and is not on this device (it arrived on another device, " +
                "or its copy was deleted); ask the sender to send it again", 0, 0);
        }
        if (info.Key.Length != Crypto.Streams.SecretStreamEncryptor.KeyBytes)
            return new DownloadResult(null, $"the attachment's key is {info.Key.Length} bytes, not a Wisp attachment's: refused", 0, 0);
        Directory.CreateDirectory(outputDirectory);
        var target = AttachmentDownloader.FreeName(outputDirectory, info.FileName);
        var part = target + ".wisp-part";
        var outcome = await AttachmentCipher.DecryptAsync(ciphertext, part, info.Key, info.Digest, info.Size, cancellationToken).ConfigureAwait(false);
        if (outcome != DecryptFailure.None)
            return new DownloadResult(null, outcome == DecryptFailure.DigestMismatch
                ? "the file's digest is not the one in the message: refused"
                : "the file does not decrypt to what the message said: refused", 0, 0);
        File.Move(part, target);
        return new DownloadResult(target, null, 0, 0);
    }

    /// <summary>
    /// Sets the account's profile picture: <paramref name="imagePath"/> (at most 5 MB) encrypted under a new profile
    /// key and uploaded once through an onion path; from now on every text message carries its URL and key.
    /// </summary>
    public async Task<string?> SetProfilePictureAsync(AccountId self, string imagePath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(imagePath);
        var info = new FileInfo(imagePath);
        if (!info.Exists)
            return $"{imagePath}: no such file";
        if (info.Length is 0 or > ProfilePictures.MaxBytes)
            return $"a profile picture is 1 byte to {ProfilePictures.MaxBytes:N0} bytes; {info.Name} is {info.Length:N0}";
        var channels = Channels(out var server);
        if (channels is null || server is null)
            return channels is null ? "not connected to a network" : NoServer();
        var key = Crypto.RandomBytes.Get(32);
        using var uploader = Crypto.Keys.Ed25519KeyPair.Generate();
        var open = channels.ForTransfer(server, uploader);
        string? url = null, error = null;
        for (var attempt = 0; attempt < AttachmentLimits.ChunkAttempts && url is null; attempt++)
        {
            using var channel = open();
            (url, error) = await ProfilePictures.UploadAsync(channel, server, await File.ReadAllBytesAsync(imagePath, cancellationToken).ConfigureAwait(false), key, cancellationToken).ConfigureAwait(false);
        }
        if (url is null)
            return error;
        _data.ProfilePictures.Set(self, url, key, _time.GetUtcNow().ToUnixTimeMilliseconds());
        return null;
    }

    /// <summary>True when <paramref name="account"/> (this one or a peer) has a profile picture this device knows of.</summary>
    public bool HasProfilePicture(AccountId account) => _data.ProfilePictures.Get(account) is not null;

    /// <summary>Fetches and decrypts <paramref name="account"/>'s profile picture; the image bytes, or why not.</summary>
    public async Task<(byte[]? Image, string? Error)> ProfilePictureAsync(AccountId account, CancellationToken cancellationToken)
    {
        if (_data.ProfilePictures.Get(account) is not { } picture)
            return (null, "no profile picture is known for this account");
        if (ProfilePictures.ServerOf(picture.Url) is not { } server)
            return (null, "the picture's URL is not a file server Wisp can reach");
        if (Channels(out _) is not { } channels)
            return (null, "not connected to a network");
        using var nobody = Crypto.Keys.Ed25519KeyPair.Generate();
        var open = channels.ForTransfer(server, nobody);
        (byte[]? Image, string? Error) result = (null, "no attempt");
        for (var attempt = 0; attempt < AttachmentLimits.ChunkAttempts && result.Image is null; attempt++)
        {
            using var channel = open();
            result = await ProfilePictures.DownloadAsync(channel, picture.Url, picture.Key, cancellationToken).ConfigureAwait(false);
            if (result.Error?.EndsWith("refused", StringComparison.Ordinal) == true)
                break;
        }
        return result;
    }

    /// <summary>Onion channels over the connected network, and its file server; null when not connected.</summary>
    /// <summary>The file server's chunk routes in place of the network's onion paths (tests with a swarm in memory).</summary>
    internal (IChunkChannels Channels, FileServerAddress Server)? ChannelsOverride { get; set; }

    private IChunkChannels? Channels(out FileServerAddress? server)
    {
        if (ChannelsOverride is { } fixedChannels)
        {
            server = fixedChannels.Server;
            return fixedChannels.Channels;
        }
        server = _networkFolder() is { } folder ? FileServerAddress.OfLocalNetwork(folder) : null;
        if (_connection() is not { } connection)
            return null;
        var client = connection.Parts.Client;
        return new OnionChunkChannels(client.Paths, _transport.Value, client.Clock);
    }

    private string NoServer() =>
        $"the network has no file server ({_networkFolder() ?? "no network"}/fileserver/fileserver.json is missing); `wisp up` starts one";

    /// <summary>Closes the transfers' connections.</summary>
    public void Dispose()
    {
        if (_transport.IsValueCreated)
            _transport.Value.Dispose();
    }
}
