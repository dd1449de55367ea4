using Wisp.Protocol.Content;

namespace Wisp.Client.Attachments;

/// <summary>
/// An attachment as a message carries it (Session's <c>AttachmentPointer</c>): where it is (the manifest's URL),
/// its key (32 bytes: secretstream; Session's own 64-byte AES-CBC + HMAC keys are told apart by length), the SHA-256
/// of its ciphertext, its size and name.
/// </summary>
public sealed record AttachmentInfo(string FileName, string ContentType, long Size, byte[] Key, byte[] Digest, string Url)
{
    /// <summary>The Session pointer.</summary>
    internal AttachmentPointer ToPointer(string? caption = null)
    {
        var pointer = new AttachmentPointer
        {
            Id = 0,
            ContentType = ContentType,
            Key = Google.Protobuf.ByteString.CopyFrom(Key),
            Size = checked((uint)Size),
            Digest = Google.Protobuf.ByteString.CopyFrom(Digest),
            FileName = FileName,
            Url = Url,
        };
        if (!string.IsNullOrEmpty(caption))
            pointer.Caption = caption;
        return pointer;
    }

    /// <summary>Reads a pointer; null when it lacks what a download needs (a URL, a key, a digest).</summary>
    internal static AttachmentInfo? FromPointer(AttachmentPointer pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        if (!pointer.HasUrl || !pointer.HasKey || !pointer.HasDigest)
            return null;
        var name = Path.GetFileName(pointer.HasFileName ? pointer.FileName : "") is { Length: > 0 } n ? n : "attachment";
        return new AttachmentInfo(name, pointer.HasContentType ? pointer.ContentType : "application/octet-stream",
            pointer.HasSize ? pointer.Size : 0, pointer.Key.ToByteArray(), pointer.Digest.ToByteArray(), pointer.Url);
    }
}
