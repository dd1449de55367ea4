using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;

namespace Wisp.Chain.Registry;

/// <summary>
/// The node registry kept by a staking contract on an EVM chain. It reads the contract's events from the deployment
/// block on and replays them, in chain order, into the same ledger the file registry uses (<see cref="ChainReplay"/>),
/// so for the same history every node and client gets the same node list and the same swarms. Only blocks with
/// <see cref="EvmRegistryOptions.ConfirmationDepth"/> blocks on top are applied: a reorganisation within that depth
/// changes nothing applied, and a deeper one (the last applied block's hash changed) is refused with
/// <see cref="RegistryErrorKind.HistoryRewritten"/> while <see cref="Current"/> stays. A join whose Ed25519 proof
/// fails is dropped (<see cref="Dropped"/>, <see cref="Rejected"/>); the rest of the batch is applied.
/// </summary>
/// <remarks>
/// Snapshots carry no registry signature: the contract is the authority. Their <see cref="RegistrySnapshot.RegistryKey"/>
/// is the contract address, left-padded with zeros to 32 bytes, so that logs can name the registry.
/// </remarks>
public sealed class EvmRegistry : INodeRegistry, IDisposable
{
    private readonly EvmRegistryOptions _options;
    private readonly ChainClient _client;
    private readonly Ed25519PublicKey _registryId;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly RegistryWatchers _watchers = new();
    private readonly Queue<RegistryError> _dropped = new();
    private readonly ITimer? _timer;
    private ChainReplay _replay;
    private RegistrySnapshot _current;
    private RegistryError? _lastError;
    private long _nextBlock;
    private string? _syncedHash;
    private bool _disposed;

    private EvmRegistry(EvmRegistryOptions options, ChainClient client, TimeProvider time)
    {
        _options = options;
        _client = client;
        var id = new byte[32];
        Nethereum.Hex.HexConvertors.Extensions.HexByteConvertorExtensions.HexToByteArray(options.RegistryAddress).CopyTo(id, 12);
        _registryId = new Ed25519PublicKey(id);
        _replay = new ChainReplay(client.ChainId, options.RegistryAddress);
        _current = _replay.Ledger.ToSnapshot(_registryId, []);
        _nextBlock = options.StartBlock;
        if (options.PollInterval != Timeout.InfiniteTimeSpan)
            _timer = time.CreateTimer(static state => ((EvmRegistry)state!).Poll(), this, options.PollInterval, options.PollInterval);
    }

    /// <summary>Connects, reads the registry's history up to the newest confirmed block, and starts following it.</summary>
    /// <exception cref="ChainException">No chain answers at the URL, or the first read failed.</exception>
    public static async Task<EvmRegistry> OpenAsync(EvmRegistryOptions options, TimeProvider timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (options.ConfirmationDepth is < 0 or > ChainLimits.MaxConfirmationDepth)
            throw new ArgumentException($"The confirmation depth is 0–{ChainLimits.MaxConfirmationDepth} blocks; got {options.ConfirmationDepth}.", nameof(options));
        var client = await ChainClient.ConnectAsync(options.RpcUrl, null, cancellationToken).ConfigureAwait(false);
        var registry = new EvmRegistry(options, client, timeProvider);
        if (await registry.RefreshAsync(cancellationToken).ConfigureAwait(false) == RegistryRefreshOutcome.Rejected && registry._syncedHash is null)
        {
            registry.Dispose();
            throw new ChainException($"the registry {options.RegistryAddress} could not be read: {registry.LastError?.Message}");
        }
        return registry;
    }

    /// <summary>The registry contract's address.</summary>
    public string RegistryAddress => _options.RegistryAddress;

    /// <summary>The chain's URL.</summary>
    public string RpcUrl => _options.RpcUrl;

    /// <summary>The newest block whose events are applied (confirmed), or the block before the start block before the first read.</summary>
    public long SyncedBlock => Volatile.Read(ref _nextBlock) - 1;

    /// <summary>Every node the contract knows (joins accepted, not withdrawn) with its status, ascending Ed25519 key.</summary>
    public IReadOnlyList<ChainNodeState> Nodes
    {
        get
        {
            var replay = Volatile.Read(ref _replay);
            return [.. replay.States.OrderBy(s => s.Node.ToHex(), StringComparer.Ordinal)];
        }
    }

    /// <summary>The most recent events that were dropped, and why (at most <see cref="ChainLimits.MaxDroppedKept"/>).</summary>
    public IReadOnlyList<RegistryError> Dropped
    {
        get
        {
            lock (_dropped)
                return [.. _dropped];
        }
    }

    /// <inheritdoc/>
    public RegistrySnapshot Current => Volatile.Read(ref _current);

    /// <inheritdoc/>
    public RegistryError? LastError => Volatile.Read(ref _lastError);

    /// <inheritdoc/>
    public event EventHandler<RegistryChangedEventArgs>? Changed;

    /// <inheritdoc/>
    public event EventHandler<RegistryRejectedEventArgs>? Rejected;

    /// <inheritdoc/>
    public async Task<RegistryRefreshOutcome> RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _disposed ? RegistryRefreshOutcome.Unchanged : await RefreshLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public IAsyncEnumerable<RegistrySnapshot> WatchAsync(CancellationToken cancellationToken = default) =>
        _watchers.WatchAsync(() => Current, cancellationToken);

    /// <summary>Stops following and ends every <see cref="WatchAsync"/> stream.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _watchers.Complete();
        _timer?.Dispose();
    }

    private async void Poll()
    {
        // A poll that finds the previous one still running skips its turn instead of queueing behind it.
        if (!await _gate.WaitAsync(0).ConfigureAwait(false))
            return;
        try
        {
            if (!_disposed)
                await RefreshLockedAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // A poll runs on a timer: nothing above it to catch, so the failure is recorded like a rejected update.
            Reject(new RegistryError(RegistryErrorKind.Unreadable, $"following the registry failed: {e.Message}"));
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<RegistryRefreshOutcome> RefreshLockedAsync(CancellationToken cancellationToken)
    {
        try
        {
            var head = await _client.BlockNumberAsync(cancellationToken).ConfigureAwait(false);
            var confirmed = head - _options.ConfirmationDepth;
            if (_syncedHash is not null && await BlockHashAsync(_nextBlock - 1, cancellationToken).ConfigureAwait(false) != _syncedHash)
                return Reject(new RegistryError(RegistryErrorKind.HistoryRewritten,
                    $"the chain reorganised deeper than the confirmation depth ({_options.ConfirmationDepth} blocks): block {_nextBlock - 1}, already applied, has a new hash; the registry stays at block {_nextBlock - 1} until the operator looks into it"));
            if (confirmed < _nextBlock)
            {
                Volatile.Write(ref _lastError, null);
                return RegistryRefreshOutcome.Unchanged;
            }

            var replay = _replay.Clone();
            var dropped = new List<RegistryError>();
            for (var from = _nextBlock; from <= confirmed; from += ChainLimits.MaxLogRange)
            {
                var to = Math.Min(confirmed, from + ChainLimits.MaxLogRange - 1);
                if (!await ApplyRangeAsync(replay, from, to, dropped, cancellationToken).ConfigureAwait(false))
                    return RegistryRefreshOutcome.Unchanged; // the chain moved under the read; the next refresh tries again
            }
            var confirmedHash = await BlockHashAsync(confirmed, cancellationToken).ConfigureAwait(false)
                ?? throw new ChainException($"the chain has no block {confirmed} although its head is {head}");
            return Commit(replay, confirmed, confirmedHash, dropped);
        }
        catch (Exception e) when (ChainErrors.Describe(e) is { } message)
        {
            return Reject(new RegistryError(RegistryErrorKind.Unreadable, $"the chain at {_options.RpcUrl} could not be read: {message}"));
        }
    }

    /// <summary>Applies the events of blocks <paramref name="from"/>–<paramref name="to"/>; false when a block's hash changed while reading.</summary>
    private async Task<bool> ApplyRangeAsync(ChainReplay replay, long from, long to, List<RegistryError> dropped, CancellationToken cancellationToken)
    {
        var filter = new NewFilterInput
        {
            Address = [_options.RegistryAddress],
            FromBlock = new BlockParameter(new HexBigInteger(from)),
            ToBlock = new BlockParameter(new HexBigInteger(to)),
        };
        var logs = await _client.Web3.Eth.Filters.GetLogs.SendRequestAsync(filter).WaitAsync(cancellationToken).ConfigureAwait(false);
        var events = RegistryEventDecoder.Decode(logs);
        var times = new Dictionary<long, DateTimeOffset>();
        foreach (var chainEvent in events)
        {
            if (!times.TryGetValue(chainEvent.BlockNumber, out var time))
            {
                var block = await _client.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber
                    .SendRequestAsync(new HexBigInteger(chainEvent.BlockNumber)).WaitAsync(cancellationToken).ConfigureAwait(false);
                if (block is null || !string.Equals(block.BlockHash, chainEvent.BlockHash, StringComparison.OrdinalIgnoreCase))
                    return false;
                time = DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
                times[chainEvent.BlockNumber] = time;
            }
            if (replay.Apply(chainEvent, time) is { } error)
                dropped.Add(error);
        }
        return true;
    }

    private RegistryRefreshOutcome Commit(ChainReplay replay, long confirmed, string confirmedHash, List<RegistryError> dropped)
    {
        var previous = _current;
        Volatile.Write(ref _replay, replay);
        _syncedHash = confirmedHash;
        Volatile.Write(ref _nextBlock, confirmed + 1);
        Volatile.Write(ref _lastError, null);
        foreach (var error in dropped)
        {
            lock (_dropped)
            {
                _dropped.Enqueue(error);
                while (_dropped.Count > ChainLimits.MaxDroppedKept)
                    _dropped.Dequeue();
            }
            Rejected?.Invoke(this, new RegistryRejectedEventArgs(error));
        }
        if (replay.Ledger.Version == previous.Version)
            return RegistryRefreshOutcome.Unchanged;
        var snapshot = replay.Ledger.ToSnapshot(_registryId, []);
        Volatile.Write(ref _current, snapshot);
        _watchers.Publish(snapshot);
        Changed?.Invoke(this, new RegistryChangedEventArgs(previous, snapshot));
        return RegistryRefreshOutcome.Updated;
    }

    private async Task<string?> BlockHashAsync(long number, CancellationToken cancellationToken)
    {
        if (number < 0)
            return null;
        var block = await _client.Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber
            .SendRequestAsync(new HexBigInteger(number)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return block?.BlockHash;
    }

    private RegistryRefreshOutcome Reject(RegistryError error)
    {
        Volatile.Write(ref _lastError, error);
        Rejected?.Invoke(this, new RegistryRejectedEventArgs(error));
        return RegistryRefreshOutcome.Rejected;
    }
}
