using System.Buffers;
using Wisp.Crypto.Hashing;
using Wisp.Crypto.Streams;

namespace Wisp.Client.Attachments;

/// <summary>What encrypting a file produced: its ciphertext's SHA-256 (the pointer's digest) and the chunks' BLAKE2b-256 addresses.</summary>
internal sealed record EncryptedFile(long PlaintextBytes, long CiphertextBytes, byte[] Digest, IReadOnlyList<string> ChunkHashes);

/// <summary>Why a downloaded ciphertext was refused.</summary>
internal enum DecryptFailure
{
    /// <summary>It decrypted, matched its digest, and ended with the final piece.</summary>
    None,
    /// <summary>Its SHA-256 is not the digest the message carried.</summary>
    DigestMismatch,
    /// <summary>A piece did not authenticate, or the stream ended before its final piece, or went on after it.</summary>
    Forged,
    /// <summary>It decrypted to a different size than the message said.</summary>
    SizeMismatch,
}

/// <summary>
/// An attachment's encryption, one file at a time and never whole in memory: libsodium's secretstream over pieces of
/// <see cref="AttachmentLimits.PieceBytes"/> (header ‖ piece ‖ … ‖ final piece), the ciphertext written to a file as
/// it is made, with Session's digest (SHA-256 of the ciphertext) and the chunk addresses computed on the way.
/// </summary>
internal static class AttachmentCipher
{
    private const int FileBuffer = 0; // our own buffers; FileStream's would only copy twice

    /// <summary>Encrypts <paramref name="source"/> under <paramref name="key"/> into <paramref name="ciphertextPath"/> (created or replaced).</summary>
    /// <exception cref="IOException">The source cannot be read or the ciphertext written.</exception>
    public static async Task<EncryptedFile> EncryptAsync(string source, string ciphertextPath, byte[] key, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, FileBuffer, FileOptions.SequentialScan | FileOptions.Asynchronous);
        var size = input.Length;
        if (size > AttachmentLimits.MaxFileBytes)
            throw new IOException($"{Path.GetFileName(source)} is {size:N0} bytes; attachments are at most {AttachmentLimits.MaxFileBytes:N0}.");
        await using var output = new FileStream(ciphertextPath, FileMode.Create, FileAccess.Write, FileShare.None, FileBuffer, FileOptions.Asynchronous);
        var sink = new ChunkSink(output);
        var plain = ArrayPool<byte>.Shared.Rent(AttachmentLimits.PieceBytes);
        var cipher = ArrayPool<byte>.Shared.Rent(AttachmentLimits.PieceBytes + SecretStreamEncryptor.ABytes);
        try
        {
            var header = new byte[SecretStreamEncryptor.HeaderBytes];
            using var encryptor = new SecretStreamEncryptor(key, header);
            await sink.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            long done = 0;
            do
            {
                var want = (int)Math.Min(AttachmentLimits.PieceBytes, size - done);
                await input.ReadExactlyAsync(plain.AsMemory(0, want), cancellationToken).ConfigureAwait(false);
                done += want;
                var final = done == size;
                encryptor.Push(plain.AsSpan(0, want), cipher.AsSpan(0, want + SecretStreamEncryptor.ABytes), final);
                await sink.WriteAsync(cipher.AsMemory(0, want + SecretStreamEncryptor.ABytes), cancellationToken).ConfigureAwait(false);
            }
            while (!encryptor.IsFinished);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            var (digest, hashes) = sink.Finish();
            return new EncryptedFile(size, output.Length, digest, hashes);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain, clearArray: true);
            ArrayPool<byte>.Shared.Return(cipher);
        }
    }

    /// <summary>
    /// Checks <paramref name="ciphertextPath"/> against <paramref name="digest"/> and decrypts it into
    /// <paramref name="plaintextPath"/> in one pass. On any failure the plaintext file is deleted, so nothing that did
    /// not check out is ever left to be shown.
    /// </summary>
    public static async Task<DecryptFailure> DecryptAsync(
        string ciphertextPath, string plaintextPath, byte[] key, byte[] digest, long expectedBytes, CancellationToken cancellationToken)
    {
        var failure = DecryptFailure.None;
        try
        {
            failure = await DecryptCoreAsync(ciphertextPath, plaintextPath, key, digest, expectedBytes, cancellationToken).ConfigureAwait(false);
            return failure;
        }
        finally
        {
            if (failure != DecryptFailure.None)
                File.Delete(plaintextPath);
        }
    }

    private static async Task<DecryptFailure> DecryptCoreAsync(
        string ciphertextPath, string plaintextPath, byte[] key, byte[] digest, long expectedBytes, CancellationToken cancellationToken)
    {
        await using var input = new FileStream(ciphertextPath, FileMode.Open, FileAccess.Read, FileShare.Read, FileBuffer, FileOptions.SequentialScan | FileOptions.Asynchronous);
        await using var output = new FileStream(plaintextPath, FileMode.Create, FileAccess.Write, FileShare.None, FileBuffer, FileOptions.Asynchronous);
        var hasher = new Sha256Hasher();
        var header = new byte[SecretStreamEncryptor.HeaderBytes];
        if (await input.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < header.Length)
            return DecryptFailure.Forged;
        hasher.Update(header);
        var plain = ArrayPool<byte>.Shared.Rent(AttachmentLimits.PieceBytes);
        var cipher = ArrayPool<byte>.Shared.Rent(AttachmentLimits.PieceBytes + SecretStreamEncryptor.ABytes);
        try
        {
            using var decryptor = new SecretStreamDecryptor(key, header);
            var pieceBytes = AttachmentLimits.PieceBytes + SecretStreamEncryptor.ABytes;
            long written = 0;
            while (true)
            {
                var read = await input.ReadAtLeastAsync(cipher.AsMemory(0, pieceBytes), pieceBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                hasher.Update(cipher.AsSpan(0, read));
                var piece = decryptor.Pull(cipher.AsSpan(0, read), plain.AsSpan(0, Math.Max(0, read - SecretStreamEncryptor.ABytes)));
                if (piece == SecretStreamPiece.Forged)
                    return DecryptFailure.Forged;
                written += read - SecretStreamEncryptor.ABytes;
                await output.WriteAsync(plain.AsMemory(0, read - SecretStreamEncryptor.ABytes), cancellationToken).ConfigureAwait(false);
                if (piece == SecretStreamPiece.Final)
                    break;
            }
            // Bytes after the final piece are not part of what was sent.
            if (input.Position != input.Length)
                return DecryptFailure.Forged;
            if (!System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(hasher.Finish(), digest))
                return DecryptFailure.DigestMismatch;
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            return written == expectedBytes ? DecryptFailure.None : DecryptFailure.SizeMismatch;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(plain, clearArray: true);
            ArrayPool<byte>.Shared.Return(cipher);
        }
    }

    /// <summary>Writes ciphertext through, hashing all of it (the digest) and each chunk of it (the addresses).</summary>
    private sealed class ChunkSink(Stream output)
    {
        private readonly Sha256Hasher _digest = new();
        private readonly List<string> _hashes = [];
        private Blake2bHasher _chunk = Blake2b.CreateIncremental(32);
        private int _inChunk;

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
        {
            await output.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            _digest.Update(bytes.Span);
            var rest = bytes.Span;
            while (!rest.IsEmpty)
            {
                var take = Math.Min(rest.Length, AttachmentLimits.ChunkBytes - _inChunk);
                _chunk.Update(rest[..take]);
                _inChunk += take;
                rest = rest[take..];
                if (_inChunk == AttachmentLimits.ChunkBytes)
                    CloseChunk();
            }
        }

        public (byte[] Digest, List<string> Hashes) Finish()
        {
            if (_inChunk > 0)
                CloseChunk();
            return (_digest.Finish(), _hashes);
        }

        private void CloseChunk()
        {
            _hashes.Add(Convert.ToHexStringLower(_chunk.Finish()));
            _chunk = Blake2b.CreateIncremental(32);
            _inChunk = 0;
        }
    }
}
