using System.Buffers;
using System.Text;
using Wisp.Crypto.Hashing;

namespace Wisp.Protocol.Files;

/// <summary>
/// The ID of a file uploaded with Session's <c>POST /file</c>: the file's BLAKE2b with a 33-byte digest and the salt
/// <c>SessionFileSvr\0\0</c>, in unpadded base64url (44 characters), as session-file-server makes it. The same bytes
/// always get the same ID, which is how a re-upload extends a file instead of storing it twice.
/// </summary>
public static class FileId
{
    /// <summary>Digest length in bytes (33: the smallest over 256 bits that base64-encodes without padding).</summary>
    public const int DigestBytes = 33;

    /// <summary>Length of an ID.</summary>
    public const int Length = DigestBytes / 3 * 4;

    private static readonly byte[] Salt = Encoding.ASCII.GetBytes("SessionFileSvr\0\0");
    private static readonly SearchValues<char> IdChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>The ID of <paramref name="file"/>.</summary>
    public static string Of(ReadOnlySpan<byte> file)
    {
        Span<byte> digest = stackalloc byte[DigestBytes];
        Blake2b.HashSaltPersonal(file, digest, default, Salt, default);
        return System.Buffers.Text.Base64Url.EncodeToString(digest);
    }

    /// <summary>
    /// True for a string of path-safe characters (<c>[A-Za-z0-9_-]</c>) of at most 64: anything a server of Session's
    /// could have given out (its legacy IDs are decimal numbers), and nothing that could name another path on disk.
    /// </summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: > 0 and <= 64 } && id.AsSpan().IndexOfAnyExcept(IdChars) < 0;
}
