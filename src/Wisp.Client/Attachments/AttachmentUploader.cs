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
    /// <summary>True when the file is on the server.</summary>
    public bool Ok => Attachment is not null;
}

/// <summary>
/// Sends a file to a file server: encrypted once into a staged ciphertext (so a restart sends the very same chunks),
/// cut into 4 MiB chunks sent by N workers over different paths, then the manifest. The resume record says which
/// chunks the server acknowledged; a rerun for the same file (same path, size and modification time) sends only the
/// others. Memory: one chunk per worker, never the file.
/// </summary>
internal sealed class AttachmentUploader(string transfersDirectory, IChunkChannels channels, TimeProvider time)
{
    /// <summary>Uploads <paramref name="source"/> to <paramref name="server"/> with <paramref name="parallel"/> workers.</summary>
    public async Task<UploadResult> UploadAsync(
        string source, FileServerAddress server, int parallel, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        var info = new FileInfo(source);
        if (!info.Exists)
            return new UploadResult(null, $"{source} does not exist", 0, 0);
        if (info.Length > AttachmentLimits.MaxFileBytes)
            return new UploadResult(null, $"{info.Name} is {info.Length:N0} bytes; attachments are at most {AttachmentLimits.MaxFileBytes:N0}", 0, 0);
        PrivateFiles.CreateDirectory(transfersDirectory);
        var stamp = string.Create(CultureInfo.InvariantCulture, $"{info.Length}:{info.LastWriteTimeUtc.Ticks}");
        var id = "up-" + Convert.ToHexStringLower(Blake2b.Hash(Encoding.UTF8.GetBytes($"{info.FullName}\n{stamp}\n{server.BaseUrl}"), 16));
        var recordPath = Path.Combine(transfersDirectory, id + ".json");
        var stagedPath = Path.Combine(transfersDirectory, id + ".enc");

        var record = TransferRecord.Load(recordPath);
        if (record is null || record.SourceStamp != stamp || !File.Exists(stagedPath) || new FileInfo(stagedPath).Length != record.CiphertextBytes)
            record = await StageAsync(info, stamp, server, stagedPath, recordPath, cancellationToken).ConfigureAwait(false);

        using var uploader = Ed25519KeyPair.FromSeed(Convert.FromHexString(record.UploaderSeed!));
        var open = channels.ForTransfer(server, uploader);
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
        FileInfo info, string stamp, FileServerAddress server, string stagedPath, string recordPath, CancellationToken cancellationToken)
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
            ServerUrl = server.BaseUrl.ToString(),
            ServerKey = server.Key.ToHex(),
            CiphertextBytes = encrypted.CiphertextBytes,
            Chunks = [.. encrypted.ChunkHashes],
        };
        record.Save(recordPath);
        return record;
    }
}
