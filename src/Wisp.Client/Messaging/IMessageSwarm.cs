using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Messaging;

/// <summary>
/// The swarm calls messaging makes: store a message in a recipient's swarm (namespace 0), retrieve from and delete in
/// the account's own swarm, and the network's time. <see cref="SwarmClientMessageSwarm"/> does them through onion paths.
/// </summary>
internal interface IMessageSwarm
{
    /// <summary>
    /// True when <see cref="RetrieveAsync"/> passes its wait on to the node (Wisp's <c>wisp_wait_ms</c>); when false the
    /// poller polls at intervals.
    /// </summary>
    bool CanWait { get; }

    /// <summary>The network's time, Unix ms (the server-time offset applied: a wrong local clock does not matter).</summary>
    long NowMs();

    /// <summary>Stores <paramref name="data"/> in namespace 0 of <paramref name="recipient"/>'s swarm for <paramref name="ttl"/>.</summary>
    Task<SwarmResult<StoreReceipt>> StoreAsync(AccountId recipient, byte[] data, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>
    /// Retrieves namespace 0 of <paramref name="account"/>'s swarm after <paramref name="lastHash"/>, preferably from
    /// <paramref name="node"/>, waiting up to <paramref name="wait"/> for a new message where <see cref="CanWait"/>.
    /// </summary>
    Task<SwarmResult<RetrievedMessages>> RetrieveAsync(
        Ed25519KeyPair account, string? lastHash, Ed25519PublicKey? node, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>Deletes <paramref name="hashes"/> from <paramref name="account"/>'s swarm (a signed delete).</summary>
    Task<SwarmResult<DeleteReceipt>> DeleteAsync(Ed25519KeyPair account, IReadOnlyList<string> hashes, CancellationToken cancellationToken);
}
