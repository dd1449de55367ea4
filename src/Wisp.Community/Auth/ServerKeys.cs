using Wisp.Crypto.Keys;
using Wisp.Hosting;

namespace Wisp.Community.Auth;

/// <summary>
/// The server's key: 32 secret bytes in <c>key_x25519</c> (mode 0600), made on first start and kept, since members
/// learn the public half from the join URL and their blinded IDs depend on it. As in pysogs, the same 32 bytes are
/// the X25519 secret (onion layers, blinding, request signatures) and an Ed25519 seed (server signatures).
/// </summary>
internal sealed class ServerKeys : IDisposable
{
    public const string FileName = "key_x25519";

    private ServerKeys(X25519KeyPair x25519, Ed25519KeyPair ed25519)
    {
        X25519 = x25519;
        Ed25519 = ed25519;
    }

    /// <summary>The X25519 key pair clients encrypt to and blind against.</summary>
    public X25519KeyPair X25519 { get; }

    /// <summary>The Ed25519 key pair from the same seed.</summary>
    public Ed25519KeyPair Ed25519 { get; }

    /// <summary>The X25519 public key.</summary>
    public X25519PublicKey PublicKey => X25519.PublicKey;

    /// <summary>Loads the key from <paramref name="dataDirectory"/>, making it on first use.</summary>
    /// <exception cref="CommunityServerStartException">The key file is there but is not a key.</exception>
    public static ServerKeys LoadOrCreate(string dataDirectory)
    {
        var secret = ServerKeyFile.LoadOrCreateSecret(Path.Combine(dataDirectory, FileName), "community server", message => new CommunityServerStartException([message]));
        try
        {
            return new ServerKeys(X25519KeyPair.FromSecret(secret), Ed25519KeyPair.FromSeed(secret));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
        }
    }

    public void Dispose()
    {
        X25519.Dispose();
        Ed25519.Dispose();
    }
}

/// <summary>The community server cannot start; <see cref="Problems"/> say why, in words for the operator.</summary>
public sealed class CommunityServerStartException(IReadOnlyList<string> problems) : Exception(string.Join(" ", problems))
{
    /// <summary>Each reason.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
