using System.Runtime.CompilerServices;
using Wisp.Crypto.Keys;
using Wisp.Network.Registry;

namespace Wisp.Node.Tests.Onion.Support;

/// <summary>
/// An <see cref="INodeRegistry"/> over an in-memory ledger the test appends to: the registry as the relay reads it,
/// without the signed file around it (that is the registry's own tests' business).
/// </summary>
internal sealed class LedgerRegistry : INodeRegistry
{
    private static readonly Ed25519PublicKey Authority = OnionTarget.Random().Ed25519;
    private readonly RegistryLedger _ledger = new();
    private RegistrySnapshot _current;

    public LedgerRegistry() => _current = _ledger.ToSnapshot(Authority, new byte[64]);

    public RegistrySnapshot Current => Volatile.Read(ref _current);
    public RegistryError? LastError => null;

    public event EventHandler<RegistryChangedEventArgs>? Changed;
    // Appends are checked as they are made; nothing is ever rejected later.
    public event EventHandler<RegistryRejectedEventArgs>? Rejected { add { } remove { } }

    public void Append(RegistryChange change)
    {
        var result = _ledger.Append(change, DateTimeOffset.UnixEpoch.AddSeconds(_ledger.Version));
        Assert.True(result.IsSuccess, result.Error?.Message);
        var previous = _current;
        Volatile.Write(ref _current, _ledger.ToSnapshot(Authority, new byte[64]));
        Changed?.Invoke(this, new RegistryChangedEventArgs(previous, _current));
    }

    public async IAsyncEnumerable<RegistrySnapshot> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        yield return Current;
        await Task.CompletedTask;
    }

    public Task<RegistryRefreshOutcome> RefreshAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(RegistryRefreshOutcome.Unchanged);
}
