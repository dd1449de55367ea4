using Wisp.Client.Paths;
using Wisp.Client.Transport;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Network.Registry;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Swarm;

/// <summary>
/// The client's storage calls — store, retrieve, delete, get_swarm — always through onion paths, to a member of the
/// address's swarm (from what a node told the client, else the registry's swarm map). Failed paths are retried on
/// other paths, a 421 moves the request to the swarm it names, a 406/425 corrects the clock from the node's
/// <c>info</c> (see <see cref="OnionCaller"/>). Every signature timestamp comes from the <see cref="NetworkClock"/>.
/// Requests are written and answers read with the records of <c>Wisp.Protocol.Rpc</c>. Store and delete answers are
/// checked node by node: each node's signature against its key in the registry.
/// </summary>
internal sealed partial class SwarmClient : IDisposable
{
    private readonly OnionCaller _caller;
    private readonly IDisposable? _owned;

    /// <summary>A client over parts the caller made and owns.</summary>
    public SwarmClient(
        NodePool pool, OnionPaths paths, OnionTransport transport, NetworkClock clock, Random random, TimeProvider time,
        OnionEncryptionType encryption = OnionEncryptionType.XChaCha20)
        : this(pool, paths, transport, clock, random, time, encryption, owned: null)
    {
    }

    private SwarmClient(
        NodePool pool, OnionPaths paths, OnionTransport transport, NetworkClock clock, Random random, TimeProvider time,
        OnionEncryptionType encryption, IDisposable? owned)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(time);
        Pool = pool;
        Paths = paths;
        Clock = clock;
        _caller = new OnionCaller(pool, paths, transport, clock, Swarms, random, time, encryption);
        _owned = owned;
    }

    /// <summary>
    /// A client wired the usual way: a pool following <paramref name="registry"/>, guards tested with a direct
    /// <c>info</c> and kept in <paramref name="stateDirectory"/> (null: in memory), paths and node choices drawn from
    /// <paramref name="random"/> (default: <see cref="CryptoRandom"/>), time from <paramref name="time"/>.
    /// </summary>
    public static SwarmClient Create(
        INodeRegistry registry, string? stateDirectory, TimeProvider time, Random? random = null,
        OnionEncryptionType encryption = OnionEncryptionType.XChaCha20)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(time);
        random ??= CryptoRandom.Instance;
        var pool = new NodePool(registry);
        var clock = new NetworkClock(time);
        var http = NodeHttp.CreateClient();
        var transport = new OnionTransport(time, http);
        var guards = new GuardSelector(pool, new InfoProbe(http, clock, time), random, stateDirectory);
        var paths = new OnionPaths(pool, guards, random);
        return new SwarmClient(pool, paths, transport, clock, random, time, encryption, owned: http);
    }

    /// <summary>The nodes requests may use.</summary>
    public NodePool Pool { get; }

    /// <summary>The onion paths.</summary>
    public OnionPaths Paths { get; }

    /// <summary>The network's time as this client knows it.</summary>
    public NetworkClock Clock { get; }

    /// <summary>Swarms learned from nodes, by address (seed it with swarms stored earlier).</summary>
    public SwarmCache Swarms { get; } = new();

    /// <summary>
    /// Stores <paramref name="data"/> for <paramref name="pubkey"/> in namespace <paramref name="ns"/> for
    /// <paramref name="ttl"/>. <paramref name="signer"/> signs <c>"store" ‖ ns ‖ timestamp</c> (required outside
    /// public inboxes). The receipt says how many nodes confirmed it with a valid signature.
    /// </summary>
    /// <exception cref="ArgumentException">The data is too large, the namespace out of range, the TTL outside what the namespace allows, or a signature is needed and no signer given.</exception>
    public async Task<SwarmResult<StoreReceipt>> StoreAsync(
        StoragePubkey pubkey, int ns, ReadOnlyMemory<byte> data, TimeSpan ttl, Ed25519KeyPair? signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pubkey);
        CheckStore(ns, data.Length, ttl, signer);
        var ttlMs = (long)ttl.TotalMilliseconds;
        var hash = MessageHash.Compute(pubkey, ns, data.Span);
        var call = await _caller.CallAsync<SwarmResponse<StoreEntry>>(
            pubkey, () => SwarmRequests.Store(pubkey, ns, data.Span, Clock.NowMs(), ttlMs, signer), r => r.T, preferred: null, cancellationToken)
            .ConfigureAwait(false);
        return Finish(call, reply => SwarmReplies.Store(reply, hash, Pool));
    }

    /// <summary>Stores for an Account ID (05): see <see cref="StoreAsync(StoragePubkey, int, ReadOnlyMemory{byte}, TimeSpan, Ed25519KeyPair?, CancellationToken)"/>.</summary>
    public Task<SwarmResult<StoreReceipt>> StoreAsync(
        AccountId account, int ns, ReadOnlyMemory<byte> data, TimeSpan ttl, Ed25519KeyPair? signer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return StoreAsync(StoragePubkey.FromBytes(account.Bytes), ns, data, ttl, signer, cancellationToken);
    }

    /// <summary>
    /// Reads <paramref name="account"/>'s messages in namespace <paramref name="ns"/> newer than
    /// <paramref name="lastHash"/>, signed <c>"retrieve" ‖ ns ‖ timestamp</c>. A last hash belongs to one node: pass
    /// that node as <paramref name="node"/> (the answer's <see cref="RetrievedMessages.Node"/>) to ask it again.
    /// A positive <paramref name="wait"/> (at most <see cref="RetrieveRequest.MaxWispWaitMs"/>) asks a Wisp node to
    /// hold the answer until a new message arrives or the wait ends (the <c>wisp_wait_ms</c> extension).
    /// </summary>
    public async Task<SwarmResult<RetrievedMessages>> RetrieveAsync(
        Ed25519KeyPair account, int ns, string? lastHash, CancellationToken cancellationToken,
        Ed25519PublicKey? node = null, int? maxCount = null, TimeSpan wait = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        CheckNamespace(ns);
        var pubkey = StoragePubkey.FromBytes(account.AccountId.Bytes);
        var call = await _caller.CallAsync<RetrieveResponse>(
            pubkey, () => SwarmRequests.Retrieve(account, ns, lastHash, maxCount, Clock.NowMs(), WaitMs(wait)), r => r.T, node, cancellationToken)
            .ConfigureAwait(false);
        return Finish(call, reply => SwarmReplies.Retrieve(reply, call.Info.Destination!));
    }

    private static int WaitMs(TimeSpan wait) =>
        (int)Math.Clamp((long)wait.TotalMilliseconds, 0, RetrieveRequest.MaxWispWaitMs);

    /// <summary>Deletes <paramref name="hashes"/> of <paramref name="account"/>'s messages (signed <c>"delete" ‖ hashes</c>).</summary>
    /// <exception cref="ArgumentException">No hashes, or one that is not a message hash.</exception>
    public async Task<SwarmResult<DeleteReceipt>> DeleteAsync(
        Ed25519KeyPair account, IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(hashes);
        if (hashes.Count == 0 || hashes.Any(h => !MessageHash.IsWellFormed(h)))
            throw new ArgumentException("Give one or more message hashes (43 base64 characters each).", nameof(hashes));
        var pubkey = StoragePubkey.FromBytes(account.AccountId.Bytes);
        var call = await _caller.CallAsync<SwarmResponse<DeleteEntry>>(
            pubkey, () => SwarmRequests.Delete(account, hashes), r => r.T, preferred: null, cancellationToken).ConfigureAwait(false);
        return Finish(call, reply => SwarmReplies.Delete(reply, pubkey, hashes, Pool));
    }

    /// <summary>
    /// Asks a random node, through a path, which swarm serves <paramref name="pubkey"/>; remembers and returns its
    /// members that the registry lists and places in that swarm (<see cref="NamedSwarm"/>).
    /// </summary>
    public async Task<SwarmResult<IReadOnlyList<ServiceNode>>> GetSwarmAsync(StoragePubkey pubkey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pubkey);
        var call = await _caller.CallAsync<GetSwarmResponse>(
            null, () => SwarmRequests.GetSwarm(pubkey), r => r.T, preferred: null, cancellationToken).ConfigureAwait(false);
        var result = Finish(call, reply => NamedSwarm.Vetted(reply, pubkey, Pool) is { Count: > 0 } members ? members : null);
        if (result.Value is { } found)
            Swarms.Remember(pubkey, found);
        return result;
    }

    /// <summary>Closes what <see cref="Create"/> opened.</summary>
    public void Dispose() => _owned?.Dispose();

    /// <summary>The caller's outcome as a result: an error, the node's refusal in its words, or the reply made into <typeparamref name="T"/>.</summary>
    private static SwarmResult<T> Finish<TReply, T>(CallOutcome<TReply> call, Func<TReply, T?> read) where TReply : class where T : class
    {
        if (call.Error is { } error)
            return new SwarmResult<T>(null, error, call.Info);
        var reply = call.Reply!;
        if (!reply.IsSuccess)
            return new SwarmResult<T>(null, new SwarmError(SwarmFailure.Rejected,
                $"the node answered {reply.Status}: {SwarmReplies.ErrorText(reply)}", reply.Status), call.Info);
        return call.Response is { } response && read(response) is { } value
            ? new SwarmResult<T>(value, null, call.Info)
            : new SwarmResult<T>(null, new SwarmError(SwarmFailure.BadReply, "the node's answer is not what the method returns", reply.Status), call.Info);
    }

    private static void CheckStore(int ns, int length, TimeSpan ttl, Ed25519KeyPair? signer)
    {
        CheckNamespace(ns);
        if (length > StorageLimits.MaxMessageBytes)
            throw new ArgumentException($"A message is at most {StorageLimits.MaxMessageBytes} bytes; this one is {length}.", "data");
        var maxTtl = Namespaces.IsPublicInbox(ns) ? StorageLimits.MaxPublicTtlMs : StorageLimits.MaxPrivateTtlMs;
        if (ttl.TotalMilliseconds < StorageLimits.MinTtlMs || ttl.TotalMilliseconds > maxTtl)
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, $"Namespace {ns} keeps messages for {StorageLimits.MinTtlMs} to {maxTtl} ms.");
        if (signer is null && Namespaces.StoreNeedsSignature(ns))
            throw new ArgumentException($"Namespace {ns} takes only messages signed by the owner; give the signer.", nameof(signer));
    }

    private static void CheckNamespace(int ns)
    {
        if (!Namespaces.IsInRange(ns))
            throw new ArgumentOutOfRangeException(nameof(ns), ns, $"A namespace is {Namespaces.Min} to {Namespaces.Max}.");
    }
}
