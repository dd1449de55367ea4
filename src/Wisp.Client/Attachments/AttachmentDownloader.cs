using System.Buffers;
using Wisp.Crypto.Hashing;

namespace Wisp.Client.Attachments;

/// <summary>How a download ended: the file's path, or why there is none.</summary>
public sealed record DownloadResult(string? Path, string? Error, int ChunksFetched, int ChunksResumed)
{
    /// <summary>True when the file was fetched, its digest checked and it was decrypted.</summary>
    public bool Ok => Path is not null;

    /// <summary>The way the file came: direct or relayed on a direct session; null when it came from the file server.</summary>
    public Direct.MessagePath? Via { get; init; }
}

/// <summary>
/// Fetches an attachment: the manifest chunk (opened with the message's key), then every chunk by N workers over
/// different paths, each checked against its BLAKE2b-256 address before it is written to the staged ciphertext at
/// its offset. Only when all are there is the ciphertext checked against the message's SHA-256 digest and decrypted;
/// the file appears under its name only if both check out. The resume record keeps which chunks are on disk.
/// </summary>
internal sealed class AttachmentDownloader(string transfersDirectory, IChunkChannels channels, TimeProvider time)
{
    /// <summary>Downloads <paramref name="attachment"/> into <paramref name="outputDirectory"/>.</summary>
    public async Task<DownloadResult> DownloadAsync(
        AttachmentInfo attachment, string outputDirectory, int parallel, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        if (!FileServerAddress.TryParsePointer(attachment.Url, out var server, out var manifestHash))
            return new DownloadResult(null, "the attachment's URL is not a Wisp file server's (Session's own attachments are not supported yet)", 0, 0);
        if (attachment.Key.Length != Crypto.Streams.SecretStreamEncryptor.KeyBytes)
            return new DownloadResult(null, $"the attachment's key is {attachment.Key.Length} bytes: a Session AES-CBC attachment, which Wisp does not open yet", 0, 0);
        Directory.CreateDirectory(outputDirectory);
        LocalData.PrivateFiles.CreateDirectory(transfersDirectory);
        var id = "down-" + Convert.ToHexStringLower(Blake2b.Hash([.. attachment.Digest, .. System.Text.Encoding.UTF8.GetBytes(attachment.Url)], 16));
        var recordPath = Path.Combine(transfersDirectory, id + ".json");
        var stagedPath = Path.Combine(transfersDirectory, id + ".enc");
        // Downloads need no uploader key; the channel's signing key is a throwaway.
        using var nobody = Crypto.Keys.Ed25519KeyPair.Generate();
        var open = channels.ForTransfer(server, nobody);

        var record = TransferRecord.Load(recordPath);
        if (record is null || !File.Exists(stagedPath))
        {
            var manifest = await FetchManifestAsync(open, manifestHash, attachment.Key, cancellationToken).ConfigureAwait(false);
            if (manifest.Error is not null)
                return new DownloadResult(null, manifest.Error, 0, 0);
            record = new TransferRecord
            {
                Direction = TransferDirection.Download,
                FileName = attachment.FileName,
                Size = attachment.Size,
                Digest = Convert.ToHexStringLower(attachment.Digest),
                ServerUrl = server.BaseUrl.ToString(),
                ServerKey = server.Key.ToHex(),
                CiphertextBytes = manifest.Value!.CiphertextBytes,
                Chunks = [.. manifest.Value.ChunkHashes],
                ManifestHash = manifestHash,
            };
            await using (var create = new FileStream(stagedPath, FileMode.Create, FileAccess.Write, FileShare.None))
                create.SetLength(record.CiphertextBytes);
            record.Save(recordPath);
        }

        var pending = record.Pending();
        var resumed = record.Chunks.Count - pending.Count;
        var meter = new ProgressMeter(TransferDirection.Download, attachment.FileName, record.CiphertextBytes, record.DoneBytes(), progress, time);
        meter.Report();
        await using (var staged = new FileStream(stagedPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, 0, FileOptions.Asynchronous | FileOptions.RandomAccess))
        {
            var failure = await ChunkWorkers.RunAsync(pending, parallel, open, async (channel, index, token) =>
            {
                var length = (int)record.ChunkLength(index);
                var buffer = ArrayPool<byte>.Shared.Rent(AttachmentLimits.ChunkBytes);
                try
                {
                    var (result, read) = await channel.GetAsync(record.Chunks[index], buffer.AsMemory(0, AttachmentLimits.ChunkBytes), token).ConfigureAwait(false);
                    if (!result.Ok)
                        return result;
                    if (read != length)
                        return new ChunkResult(ChunkOutcome.Corrupted, $"chunk {index + 1} is {read} bytes, not {length}");
                    await RandomAccess.WriteAsync(staged.SafeFileHandle, buffer.AsMemory(0, read), (long)index * AttachmentLimits.ChunkBytes, token).ConfigureAwait(false);
                    record.MarkDone(index);
                    record.Save(recordPath);
                    meter.Add(read);
                    return result;
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
                return new DownloadResult(null, failure, pending.Count, resumed);
            await staged.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        meter.Report();

        var target = FreeName(outputDirectory, attachment.FileName);
        var part = target + ".wisp-part";
        var outcome = await AttachmentCipher.DecryptAsync(stagedPath, part, attachment.Key, attachment.Digest, attachment.Size, cancellationToken).ConfigureAwait(false);
        // The staged ciphertext and record go either way: a ciphertext that failed its digest will not pass on a rerun.
        File.Delete(stagedPath);
        File.Delete(recordPath);
        if (outcome != DecryptFailure.None)
            return new DownloadResult(null, outcome switch
            {
                DecryptFailure.DigestMismatch => "the file's digest is not the one in the message: refused",
                DecryptFailure.SizeMismatch => "the file is not the size the message said: refused",
                _ => "the file does not decrypt with the message's key: refused",
            }, pending.Count, resumed);
        File.Move(part, target);
        return new DownloadResult(target, null, pending.Count, resumed);
    }

    private static async Task<(ChunkManifest? Value, string? Error)> FetchManifestAsync(
        Func<IChunkChannel> open, string hash, byte[] key, CancellationToken cancellationToken)
    {
        ChunkManifest? manifest = null;
        string? refused = null;
        var failure = await ChunkWorkers.RunAsync([0], 1, open, async (channel, _, token) =>
        {
            var buffer = new byte[AttachmentLimits.ChunkBytes];
            var (result, read) = await channel.GetAsync(hash, buffer, token).ConfigureAwait(false);
            if (!result.Ok)
                return result;
            manifest = ChunkManifest.Open(buffer.AsSpan(0, read), key);
            if (manifest is null)
                refused = "the attachment's manifest does not open with the message's key";
            return result;
        }, cancellationToken).ConfigureAwait(false);
        return (manifest, failure is not null ? $"the attachment cannot be fetched: {failure}" : refused);
    }

    /// <summary><paramref name="name"/> in <paramref name="directory"/>, or "name (2).ext" and so on when taken.</summary>
    internal static string FreeName(string directory, string name)
    {
        var safe = Path.GetFileName(name);
        if (safe.Length == 0 || safe is "." or "..")
            safe = "attachment";
        var candidate = Path.Combine(directory, safe);
        for (var n = 2; File.Exists(candidate); n++)
            candidate = Path.Combine(directory, $"{Path.GetFileNameWithoutExtension(safe)} ({n}){Path.GetExtension(safe)}");
        return candidate;
    }
}
