using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Messaging;

/// <summary>
/// <see cref="IMessageSwarm"/> over the <see cref="SwarmClient"/>: every call through onion paths, store receipts checked
/// node by node, timestamps from its network clock.
/// </summary>
/// <remarks>
/// <see cref="CanWait"/> is false: <see cref="SwarmClient.RetrieveAsync"/> does not yet carry <c>wisp_wait_ms</c>, so the
/// poller falls back to interval polling over it.
/// </remarks>
public sealed class SwarmClientMessageSwarm(SwarmClient client) : IMessageSwarm
{
    /// <inheritdoc />
    public bool CanWait => false;

    /// <inheritdoc />
    public long NowMs() => client.Clock.NowMs();

    /// <inheritdoc />
    public Task<SwarmResult<StoreReceipt>> StoreAsync(AccountId recipient, byte[] data, TimeSpan ttl, CancellationToken cancellationToken) =>
        client.StoreAsync(recipient, Namespaces.Default, data, ttl, signer: null, cancellationToken);

    /// <inheritdoc />
    public Task<SwarmResult<RetrievedMessages>> RetrieveAsync(
        Ed25519KeyPair account, string? lastHash, Ed25519PublicKey? node, TimeSpan wait, CancellationToken cancellationToken) =>
        client.RetrieveAsync(account, Namespaces.Default, lastHash, cancellationToken, node);

    /// <inheritdoc />
    public Task<SwarmResult<DeleteReceipt>> DeleteAsync(Ed25519KeyPair account, IReadOnlyList<string> hashes, CancellationToken cancellationToken) =>
        client.DeleteAsync(account, hashes, cancellationToken);
}
