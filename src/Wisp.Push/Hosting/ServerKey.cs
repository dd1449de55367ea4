using Wisp.Crypto.Keys;

namespace Wisp.Push.Hosting;

/// <summary>
/// The push server's X25519 key, which clients encrypt their last onion layer to: 32 secret bytes in
/// <c>server_x25519.key</c> (mode 0600), made on first start and kept, since clients learn the public half with the
/// server's address.
/// </summary>
internal static class ServerKey
{
    public const string FileName = "server_x25519.key";

    /// <summary>Loads the key from <paramref name="dataDirectory"/>, making it on first use.</summary>
    /// <exception cref="PushServerStartException">The key file is there but is not a key.</exception>
    public static X25519KeyPair LoadOrCreate(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            var secret = File.ReadAllBytes(path);
            try
            {
                if (secret.Length != X25519KeyPair.SecretKeyBytes)
                    throw new PushServerStartException([$"{path} is not a push server key ({secret.Length} bytes, not {X25519KeyPair.SecretKeyBytes}). Move it away to make a new one."]);
                return X25519KeyPair.FromSecret(secret);
            }
            finally
            {
                System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
            }
        }
        var bytes = new byte[X25519KeyPair.SecretKeyBytes];
        Wisp.Crypto.RandomBytes.Fill(bytes);
        try
        {
            var temporary = path + ".tmp";
            var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var stream = new FileStream(temporary, create))
                stream.Write(bytes);
            File.Move(temporary, path);
            return X25519KeyPair.FromSecret(bytes);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        }
    }
}

/// <summary>The push server cannot start; <see cref="Problems"/> say why, in words for the operator.</summary>
public sealed class PushServerStartException(IReadOnlyList<string> problems) : Exception(string.Join(" ", problems))
{
    /// <summary>Each reason.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
