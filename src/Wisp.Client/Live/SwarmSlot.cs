using Wisp.Client.Messaging;
using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;

namespace Wisp.Client.Live;

/// <summary>
/// The swarm the client's parts talk to: none until <see cref="WispClient.ConnectLocalNetwork"/> (every call then fails
/// as unreachable and time is the local clock), the network once connected. The parts are built once and keep working
/// across the switch: a message queued offline goes out once connected.
/// </summary>
internal sealed class SwarmSlot(TimeProvider time) : IMessageSwarm
{
    private const string NotConnected = "not connected to a network";
    private IMessageSwarm? _inner;

    /// <summary>True once a network is set.</summary>
    public bool Connected => _inner is not null;

    /// <summary>Sets the network (once).</summary>
    public void Connect(IMessageSwarm swarm)
    {
        ArgumentNullException.ThrowIfNull(swarm);
        if (Interlocked.CompareExchange(ref _inner, swarm, null) is not null)
            throw new InvalidOperationException("The client is connected already.");
    }

    public bool CanWait => _inner?.CanWait ?? false;

    public long NowMs() => _inner?.NowMs() ?? time.GetUtcNow().ToUnixTimeMilliseconds();

    public Task<SwarmResult<StoreReceipt>> StoreAsync(AccountId recipient, byte[] data, TimeSpan ttl, CancellationToken cancellationToken) =>
        _inner?.StoreAsync(recipient, data, ttl, cancellationToken) ?? Task.FromResult(Offline<StoreReceipt>());

    public Task<SwarmResult<RetrievedMessages>> RetrieveAsync(
        Ed25519KeyPair account, string? lastHash, Ed25519PublicKey? node, TimeSpan wait, CancellationToken cancellationToken) =>
        _inner?.RetrieveAsync(account, lastHash, node, wait, cancellationToken) ?? Task.FromResult(Offline<RetrievedMessages>());

    public Task<SwarmResult<DeleteReceipt>> DeleteAsync(Ed25519KeyPair account, IReadOnlyList<string> hashes, CancellationToken cancellationToken) =>
        _inner?.DeleteAsync(account, hashes, cancellationToken) ?? Task.FromResult(Offline<DeleteReceipt>());

    private static SwarmResult<T> Offline<T>() where T : class =>
        new(null, new SwarmError(SwarmFailure.NoPath, NotConnected), new SwarmCallInfo(0, null, null, false, false));
}
