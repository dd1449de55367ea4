using Wisp.Crypto.Keys;
using Wisp.Node.Hosting;

namespace Wisp.Cli.Commands.Net;

/// <summary>Makes a new node's identity up front, in the node's own format (<c>node.key</c>), so the registry can list it before it starts.</summary>
internal static class NodeIdentities
{
    /// <summary>Creates the data directory (0700) and its node key; returns the node's Ed25519 key.</summary>
    /// <exception cref="IOException">The key cannot be created or an existing one cannot be used.</exception>
    public static Ed25519PublicKey CreateIn(string dataDirectory)
    {
        if (!NodeKeyStore.TryLoadOrCreate(dataDirectory, out var keys, out _, out var problem))
            throw new IOException(problem);
        using (keys)
            return keys.PublicKey;
    }
}
