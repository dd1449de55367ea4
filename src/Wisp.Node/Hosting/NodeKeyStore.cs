using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using Wisp.Crypto.Keys;

namespace Wisp.Node.Hosting;

/// <summary>
/// The node's identity on disk: <c>node.key</c> in the data directory holds exactly the 32-byte Ed25519 seed,
/// mode 0600. Losing it changes the node's identity; exposing it lets anyone impersonate the node.
/// </summary>
public static class NodeKeyStore
{
    /// <summary>The key file's name in the data directory.</summary>
    public const string FileName = "node.key";

    /// <summary>Loads the node key, creating a new one (and the directory) if there is none yet.</summary>
    /// <param name="dataDirectory">The node's data directory.</param>
    /// <param name="keys">The key pair (the caller disposes it).</param>
    /// <param name="created">True when a new identity was made.</param>
    /// <param name="problem">Why the key cannot be used, in words that say how to fix it.</param>
    public static bool TryLoadOrCreate(
        string dataDirectory, [NotNullWhen(true)] out Ed25519KeyPair? keys, out bool created,
        [NotNullWhen(false)] out string? problem)
    {
        SecretFiles.EnsureDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        created = false;
        if (!File.Exists(path))
        {
            keys = Ed25519KeyPair.Generate();
            SecretFiles.CreateNew(path, keys.Seed);
            created = true;
            problem = null;
            return true;
        }
        return TryLoad(dataDirectory, out keys, out problem);
    }

    /// <summary>Loads an existing node key; fails (with the reason) when it is missing, malformed or exposed.</summary>
    public static bool TryLoad(string dataDirectory, [NotNullWhen(true)] out Ed25519KeyPair? keys, [NotNullWhen(false)] out string? problem)
    {
        keys = null;
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path))
        {
            problem = $"{path} does not exist: this directory has no node yet. Start one with `wisp node run --data {dataDirectory}`.";
            return false;
        }
        var length = new FileInfo(path).Length;
        if (length != Ed25519KeyPair.SeedBytes)
        {
            problem = $"{path} is {length} bytes; a node key is exactly {Ed25519KeyPair.SeedBytes} bytes (the Ed25519 seed). "
                + "Restore it from a backup, or move it away to start this node with a new identity.";
            return false;
        }
        problem = SecretFiles.ExposureProblem(path);
        if (problem is not null) return false;

        var seed = File.ReadAllBytes(path);
        try
        {
            keys = Ed25519KeyPair.FromSeed(seed);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }
}
