using System.Net;
using Wisp.Crypto.Keys;

namespace Wisp.Dht;

/// <summary>
/// A server listening on a key: announced at the closest nodes to its target (they become its relays and keep a
/// forward entry), pinged every few seconds so its NAT mappings to them stay open, re-announced when they go.
/// Disposing unannounces.
/// </summary>
public sealed class DhtListener : IAsyncDisposable
{
    internal DhtListener(X25519PublicKey publicKey) => PublicKey = publicKey;

    /// <summary>The key clients find this server by.</summary>
    public X25519PublicKey PublicKey { get; }

    /// <summary>The nodes relaying for this server now (at most <see cref="Limits.MaxRelayAddresses"/>).</summary>
    public IReadOnlyList<IPEndPoint> Relays => throw new NotImplementedException();

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => throw new NotImplementedException();
}
