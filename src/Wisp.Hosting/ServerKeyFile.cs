using System.Security.Cryptography;
using Wisp.Crypto;
using Wisp.Crypto.Keys;

namespace Wisp.Hosting;

/// <summary>
/// A server's 32 secret key bytes on disk (mode 0600), made on first start and kept, since clients learn the public
/// half with the server's address. The file, community and push servers each keep one; only the file name and the
/// operator's words differ.
/// </summary>
internal static class ServerKeyFile
{
    /// <summary>
    /// Reads the secret at <paramref name="path"/>, making it on first use. The caller zeroes the bytes when done.
    /// </summary>
    /// <param name="path">The key file.</param>
    /// <param name="serverName">The server's name in the operator's message, e.g. "file server".</param>
    /// <param name="startFailed">Makes the server's own start exception from the message.</param>
    public static byte[] LoadOrCreateSecret(string path, string serverName, Func<string, Exception> startFailed)
    {
        if (File.Exists(path))
        {
            var secret = File.ReadAllBytes(path);
            if (secret.Length == X25519KeyPair.SecretKeyBytes) return secret;
            CryptographicOperations.ZeroMemory(secret);
            throw startFailed($"{path} is not a {serverName} key ({secret.Length} bytes, not {X25519KeyPair.SecretKeyBytes}). Move it away to make a new one.");
        }
        var bytes = new byte[X25519KeyPair.SecretKeyBytes];
        RandomBytes.Fill(bytes);
        try
        {
            var temporary = path + ".tmp";
            var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temporary, create))
                stream.Write(bytes);
            File.Move(temporary, path);
            return bytes;
        }
        catch
        {
            CryptographicOperations.ZeroMemory(bytes);
            throw;
        }
    }

    /// <summary>The X25519 key pair from the secret at <paramref name="path"/>, made on first use.</summary>
    /// <inheritdoc cref="LoadOrCreateSecret" path="/param"/>
    public static X25519KeyPair LoadOrCreateX25519(string path, string serverName, Func<string, Exception> startFailed)
    {
        var secret = LoadOrCreateSecret(path, serverName, startFailed);
        try
        {
            return X25519KeyPair.FromSecret(secret);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }
}
