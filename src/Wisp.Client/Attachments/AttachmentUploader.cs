using System.Buffers;
using System.Globalization;
using System.Text;
using Wisp.Client.LocalData;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Streams;

namespace Wisp.Client.Attachments;

/// <summary>How an upload ended: the attachment to put in a message, or why not.</summary>
public sealed record UploadResult(AttachmentInfo? Attachment, string? Error, int ChunksSent, int ChunksResumed)
{
    /// <summary>True when the file is on the server, or with the contact.</summary>
    public bool Ok => Attachment is not null;

    /// <summary>The way the file went: direct or relayed on a direct session; null when it went to the file server.</summary>
    public Direct.MessagePath? Via { get; init; }
}

/// <summary>A file encrypted into its staged ciphertext, ready to go (to the file server, or on a direct session).</summary>
internal sealed record StagedFile(FileInfo Source, TransferRecord Record, string CiphertextPath, string RecordPath);

/// <summary>
/// Sends a file to a file server: encrypted once into a staged ciphertext (so a restart sends the very same chunks),
/// cut into 4 MiB chunks sent by N workers over different paths, then the manifest. The resume record says which
/// chunks the server acknowledged; a rerun for the same file (same path, size and modification time) sends only the
/// others. Memory: one chunk per worker, never the file.
/// </summary>
internal sealed class AttachmentUploader(string transfersDirectory, IChunkChannels? channels, TimeProvider time)
{
    /// <summary>
    /// Encrypts <paramref name="source"/> into its staged ciphertext, or finds it staged by an earlier, interrupted run
    /// (same path, size and modification time); null with why when the file cannot be sent. <paramref name="server"/> is
    /// null when there is none to fall back to (the file can only go on a direct session).
    /// </summary>
    public async Task<(StagedFile? Staged, string? Error)> StageAsync(string source, FileServerAddress? server, CancellationToken cancellationToken)
    {
        var info = new FileInfo(source);
        if (!info.Exists)
            return (null, $"{source} does not exist");
        if (info.Length > AttachmentLimits.MaxFileBytes)
            return (null, $"{info.Name} is {info.Length:N0} bytes; attachments are at most {AttachmentLimits.MaxFileBytes:N0}");
        PrivateFiles.CreateDirectory(transfersDirectory);
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{info.Length}:{info.LastWriteTimeUtc.Ticks}");
        var id = "up-" + Convert.ToHexStringLower(Blake2b.Hash(Encoding.UTF8.GetBytes($"{info.FullName}\n{stamp}\n{server?.BaseUrl.ToString() ?? "direct"}"), 16));
        var recordPath = Path.Combine(transfersDirectory, id + ".json");
        var stagedPath = Path.Combine(transfersDirectory, id + ".enc");

        var record = TransferRecord.Load(recordPath);
        if (record is null || record.SourceStamp != stamp || !File.Exists(stagedPath) || new FileInfo(stagedPath).Length != record.CiphertextBytes)
            record = await StageAsync(info, stamp, server, stagedPath, recordPath, cancellationToken).ConfigureAwait(false);
        return (new StagedFile(info, record, stagedPath, recordPath), null);
    }

    /// <summary>
    /// The attachment of a staged file that went on a direct session as transfer <paramref name="transferId"/> (its
    /// pointer's URL is <c>wisp-direct:ID</c>; key and digest are the staged ciphertext's); the staging is cleared.
    /// </summary>
    public static AttachmentInfo SentDirect(StagedFile staged, byte[] transferId)
    {
        var attachment = new AttachmentInfo(staged.Source.Name, ContentTypes.Guess(staged.Source.Name), staged.Source.Length,
            Convert.FromHexString(staged.Record.Key), Convert.FromHexString(staged.Record.Digest), DirectFileUrl.Of(transferId));
        File.Delete(staged.CiphertextPath);
        File.Delete(staged.RecordPath);
        return attachment;
    }

    /// <summary>Uploads <paramref name="source"/> to <paramref name="server"/> with <paramref name="parallel"/> workers.</summary>
    public async Task<UploadResult> UploadAsync(
        string source, FileServerAddress server, int parallel, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var (prepared, error) = await StageAsync(source, server, cancellationToken).ConfigureAwait(false);
        if (prepared is null)
            return new UploadResult(null, error, 0, 0);
        var (info, record, stagedPath, recordPath) = prepared;

        using var uploader = Ed25519KeyPair.FromSeed(Convert.FromHexString(record.UploaderSeed!));
        var open = (channels ?? throw new InvalidOperationException("an upload needs the network's chunk routes")).ForTransfer(server, uploader);
        var pending = record.Pending();
        var resumed = record.Chunks.Count - pending.Count;
        var meter = new ProgressMeter(TransferDirection.Upload, info.Name, record.CiphertextBytes, record.DoneBytes(), progress, time);
        meter.Report();
        await using (var staged = new FileStream(stagedPath, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.Asynchronous | FileOptions.RandomAccess))
        {
            var failure = await ChunkWorkers.RunAsync(pending, parallel, open, async (channel, index, token) =>
            {
                var length = (int)record.ChunkLength(index);
                var buffer = ArrayPool<byte>.Shared.Rent(length);
                try
                {
                    await RandomAccess.ReadAsync(staged.SafeFileHandle, buffer.AsMemory(0, length), (long)index * AttachmentLimits.ChunkBytes, token).ConfigureAwait(false);
                    var result = await channel.PutAsync(record.Chunks[index], buffer.AsMemory(0, length), token).ConfigureAwait(false);
                    if (result.Ok)
                    {
                        record.MarkDone(index);
                        record.Save(recordPath);
                        meter.Add(length);
                    }
                    return result;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
                return new UploadResult(null, failure, pending.Count, resumed);
        }

        if (!record.ManifestDone)
        {
            var manifest = new ChunkManifest(record.CiphertextBytes, record.Chunks).Seal(Convert.FromHexString(record.Key));
            var hash = Protocol.Files.ChunkHash.Of(manifest);
            var failure = await ChunkWorkers.RunAsync([0], 1, open, async (channel, _, token) =>
                await channel.PutAsync(hash, manifest, token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            if (failure is not null)
                return new UploadResult(null, failure, pending.Count, resumed);
            record.ManifestHash = hash;
            record.ManifestDone = true;
            record.Save(recordPath);
        }
        meter.Report();
        var attachment = new AttachmentInfo(info.Name, ContentTypes.Guess(info.Name), info.Length,
            Convert.FromHexString(record.Key), Convert.FromHexString(record.Digest), server.PointerUrl(record.ManifestHash!));
        File.Delete(stagedPath);
        File.Delete(recordPath);
        return new UploadResult(attachment, null, pending.Count, resumed);
    }

    private static async Task<TransferRecord> StageAsync(
        FileInfo info, string stamp, FileServerAddress? server, string stagedPath, string recordPath, CancellationToken cancellationToken)
    {
        var key = SecretStreamEncryptor.GenerateKey();
        var encrypted = await AttachmentCipher.EncryptAsync(info.FullName, stagedPath, key, cancellationToken).ConfigureAwait(false);
        // A fresh uploader key per file: the server cannot link one person's uploads to each other or to an account.
        var seed = Crypto.RandomBytes.Get(32);
        var record = new TransferRecord
        {
            Direction = TransferDirection.Upload,
            FileName = info.Name,
            Source = info.FullName,
            SourceStamp = stamp,
            Size = encrypted.PlaintextBytes,
            Key = Convert.ToHexStringLower(key),
            Digest = Convert.ToHexStringLower(encrypted.Digest),
            UploaderSeed = Convert.ToHexStringLower(seed),
            ServerUrl = server?.BaseUrl.ToString() ?? "",
            ServerKey = server?.Key.ToHex() ?? "",
            CiphertextBytes = encrypted.CiphertextBytes,
            Chunks = [.. encrypted.ChunkHashes],
        };
        record.Save(recordPath);
        return record;
    }
}
