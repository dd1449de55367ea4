using Wisp.Client.Messaging;
using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;

namespace Wisp.Bench.Messaging;

/// <summary>
/// The swarm as a node without Wisp's waiting retrieve would serve it: every call passes through, but
/// <see cref="CanWait"/> is false and no wait is sent, so the poller falls back to polling every
/// <see cref="MessagingLimits.PollInterval"/>. Production defaults are untouched.
/// </summary>
internal sealed class PollingOnlySwarm(IMessageSwarm inner) : IMessageSwarm
{
    public bool CanWait => false;

    public long NowMs() => inner.NowMs();

    public Task<SwarmResult<StoreReceipt>> StoreAsync(AccountId recipient, byte[] data, TimeSpan ttl, CancellationToken cancellationToken) =>
        inner.StoreAsync(recipient, data, ttl, cancellationToken);

    public Task<SwarmResult<RetrievedMessages>> RetrieveAsync(
        Ed25519KeyPair account, string? lastHash, Ed25519PublicKey? node, TimeSpan wait, CancellationToken cancellationToken) =>
        inner.RetrieveAsync(account, lastHash, node, TimeSpan.Zero, cancellationToken);

    public Task<SwarmResult<DeleteReceipt>> DeleteAsync(Ed25519KeyPair account, IReadOnlyList<string> hashes, CancellationToken cancellationToken) =>
        inner.DeleteAsync(account, hashes, cancellationToken);
}
