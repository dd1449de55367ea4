using System.Text.Json;
using Wisp.Crypto;
using Wisp.Crypto.Aead;
using Wisp.Protocol.Files;

namespace Wisp.Client.Attachments;

/// <summary>
/// Session's display pictures: the image encrypted with AES-256-GCM under a random 32-byte profile key
/// (<c>nonce (12) ‖ ciphertext ‖ tag (16)</c>, Session's profile-picture format), uploaded once with Session's
/// <c>POST /file</c> through an onion path; the URL (<c>BASE/file/ID#p=SERVER_KEY</c>) and the key travel in every
/// text message the account sends (<c>LokiProfile.profilePicture</c>, <c>DataMessage.profileKey</c>).
/// </summary>
internal static class ProfilePictures
{
    /// <summary>Largest picture (5 MB): under Session's 6 MB upload limit with room for the GCM framing.</summary>
    public const int MaxBytes = 5_000_000;

    /// <summary>Encrypts and uploads <paramref name="image"/>; the URL, or why not.</summary>
    public static async Task<(string? Url, string? Error)> UploadAsync(
        IChunkChannel channel, FileServerAddress server, byte[] image, byte[] key, CancellationToken cancellationToken)
    {
        var nonce = RandomBytes.Get(Aes256Gcm.NonceBytes);
        byte[] blob = [.. nonce, .. Aes256Gcm.Encrypt(key, nonce, image, [])];
        var reply = await ((ChunkChannel)channel).SendAsync("POST", FileRoutes.File, [], blob, cancellationToken).ConfigureAwait(false);
        if (reply is null)
            return (null, "the file server could not be reached");
        if (reply.Status != 200)
            return (null, $"the file server answered {reply.Status}");
        var id = JsonSerializer.Deserialize(reply.Body.Span, FileServerJsonContext.Default.FileUploaded)?.Id;
        return id is null ? (null, "the file server's answer has no id")
            : ($"{server.BaseUrl.GetLeftPart(UriPartial.Authority)}{FileRoutes.FileById(id)}#p={server.Key.ToHex()}", null);
    }

    /// <summary>Fetches and decrypts the picture at <paramref name="url"/>; the image, or why not.</summary>
    public static async Task<(byte[]? Image, string? Error)> DownloadAsync(IChunkChannel channel, string url, byte[] key, CancellationToken cancellationToken)
    {
        var uri = new Uri(url);
        var reply = await ((ChunkChannel)channel).SendAsync("GET", uri.AbsolutePath, [], null, cancellationToken).ConfigureAwait(false);
        if (reply is null)
            return (null, "the file server could not be reached");
        if (reply.Status != 200)
            return (null, $"the file server answered {reply.Status}");
        var blob = reply.Body.Span;
        if (blob.Length < Aes256Gcm.NonceBytes + Aes256Gcm.TagBytes)
            return (null, "the picture is too short to be one");
        var image = new byte[blob.Length - Aes256Gcm.NonceBytes - Aes256Gcm.TagBytes];
        return Aes256Gcm.Decrypt(key, blob[..Aes256Gcm.NonceBytes], blob[Aes256Gcm.NonceBytes..], [], image)
            ? (image, null)
            : (null, "the picture does not decrypt with the profile key: refused");
    }

    /// <summary>The file server a picture URL names (its <c>#p=</c> key), or null.</summary>
    public static FileServerAddress? ServerOf(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !uri.AbsolutePath.StartsWith("/file/", StringComparison.Ordinal)
            || !uri.Fragment.StartsWith("#p=", StringComparison.Ordinal))
            return null;
        try
        {
            return new FileServerAddress(new Uri(uri.GetLeftPart(UriPartial.Authority)), Crypto.Keys.X25519PublicKey.FromHex(uri.Fragment[3..].Split('&')[0]));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
