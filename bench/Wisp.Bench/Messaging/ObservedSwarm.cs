using System.Diagnostics;
using Wisp.Client.Messaging;
using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;

namespace Wisp.Bench.Messaging;

/// <summary>
/// Passes every call through and counts the recipient's retrieves: how many, and how many came back empty well before
/// the wait they asked for ended (the poller then takes the node for one that cannot wait and pauses a poll interval).
/// </summary>
internal sealed class ObservedSwarm(IMessageSwarm inner) : IMessageSwarm
{
    private int _retrieves;
    private int _earlyEmpty;

    public int Retrieves => Volatile.Read(ref _retrieves);

    public int EarlyEmpty => Volatile.Read(ref _earlyEmpty);

    public bool CanWait => inner.CanWait;

    public long NowMs() => inner.NowMs();

    public Task<SwarmResult<StoreReceipt>> StoreAsync(AccountId recipient, byte[] data, TimeSpan ttl, CancellationToken cancellationToken) =>
        inner.StoreAsync(recipient, data, ttl, cancellationToken);

    public async Task<SwarmResult<RetrievedMessages>> RetrieveAsync(
        Ed25519KeyPair account, string? lastHash, Ed25519PublicKey? node, TimeSpan wait, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await inner.RetrieveAsync(account, lastHash, node, wait, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _retrieves);
        if (wait > TimeSpan.Zero && result.Ok && result.Value!.Messages.Count == 0 && Stopwatch.GetElapsedTime(started) < wait / 2)
            Interlocked.Increment(ref _earlyEmpty);
        return result;
    }

    public Task<SwarmResult<DeleteReceipt>> DeleteAsync(Ed25519KeyPair account, IReadOnlyList<string> hashes, CancellationToken cancellationToken) =>
        inner.DeleteAsync(account, hashes, cancellationToken);
}
