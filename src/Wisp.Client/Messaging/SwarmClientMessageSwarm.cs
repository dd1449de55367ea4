using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Messaging;

/// <summary>
/// <see cref="IMessageSwarm"/> over the <see cref="SwarmClient"/>: every call through onion paths, store receipts checked
/// node by node, timestamps from its network clock.
/// </summary>
/// <remarks>
/// <see cref="CanWait"/> is true: retrieves carry Wisp's <c>wisp_wait_ms</c>, so a node holds the answer until a message
/// arrives. A node that answers at once (a Session node ignores the field) leaves the poller on interval polling.
/// </remarks>
internal sealed class SwarmClientMessageSwarm(SwarmClient client) : IMessageSwarm
{
    /// <summary>The swarm client underneath (groups use it for calls on a group's address).</summary>
    public SwarmClient Client => client;

    /// <inheritdoc />
    public bool CanWait => true;

    /// <inheritdoc />
    public long NowMs() => client.Clock.NowMs();

    /// <inheritdoc />
    public Task<SwarmResult<StoreReceipt>> StoreAsync(AccountId recipient, byte[] data, TimeSpan ttl, CancellationToken cancellationToken) =>
        client.StoreAsync(recipient, Namespaces.Default, data, ttl, signer: null, cancellationToken);

    /// <inheritdoc />
    public Task<SwarmResult<RetrievedMessages>> RetrieveAsync(
        Ed25519KeyPair account, string? lastHash, Ed25519PublicKey? node, TimeSpan wait, CancellationToken cancellationToken) =>
        client.RetrieveAsync(account, Namespaces.Default, lastHash, cancellationToken, node, wait: wait);

    /// <inheritdoc />
    public Task<SwarmResult<DeleteReceipt>> DeleteAsync(Ed25519KeyPair account, IReadOnlyList<string> hashes, CancellationToken cancellationToken) =>
        client.DeleteAsync(account, hashes, cancellationToken);
}
