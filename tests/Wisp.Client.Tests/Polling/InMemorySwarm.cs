using Wisp.Client.Messaging;
using Wisp.Client.Paths;
using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Tests.Polling;

/// <summary>
/// A swarm of one node in memory, for the outbox and poller's own logic: store keeps messages per account in order
/// (a second store of the same bytes is the same message, as on a node), retrieve pages after a last hash, delete
/// removes. The real swarm through onion paths is tested in the integration tests.
/// </summary>
internal sealed class InMemorySwarm : IMessageSwarm
{
    private readonly Dictionary<string, List<RetrievedMessage>> _messages = [];
    private readonly Ed25519KeyPair _nodeKeys = Ed25519KeyPair.Generate();

    public InMemorySwarm(long nowMs) => Now = nowMs;

    public long Now { get; set; }

    /// <summary>When set, stores fail with this error.</summary>
    public SwarmError? StoreFailure { get; set; }

    public int PageSize { get; set; } = 100;

    public List<string> Deleted { get; } = [];

    public ServiceNode Node => new(_nodeKeys.PublicKey, _nodeKeys.X25519PublicKey, new Uri("https://127.0.0.1:1"));

    public bool CanWait => false;

    public long NowMs() => Now;

    public int Count(AccountId account) => _messages.GetValueOrDefault(account.Hex)?.Count ?? 0;

    /// <summary>Puts raw bytes in an account's swarm, as anyone may in namespace 0.</summary>
    public string Place(AccountId account, byte[] data)
    {
        var hash = MessageHash.Compute(StoragePubkey.FromBytes(account.Bytes), 0, data);
        var list = ListOf(account);
        if (list.All(m => m.Hash != hash))
            list.Add(new RetrievedMessage(hash, Now, Now + (long)MessagingLimits.MessageTtl.TotalMilliseconds, data));
        return hash;
    }

    public Task<SwarmResult<StoreReceipt>> StoreAsync(AccountId recipient, byte[] data, TimeSpan ttl, CancellationToken cancellationToken)
    {
        if (StoreFailure is { } failure)
            return Task.FromResult(new SwarmResult<StoreReceipt>(null, failure, Info()));
        var hash = Place(recipient, data);
        var receipt = new StoreReceipt(hash, Now + (long)ttl.TotalMilliseconds, [new NodeConfirmation(_nodeKeys.PublicKey, true)]);
        return Task.FromResult(new SwarmResult<StoreReceipt>(receipt, null, Info()));
    }

    public Task<SwarmResult<RetrievedMessages>> RetrieveAsync(
        Ed25519KeyPair account, string? lastHash, Ed25519PublicKey? node, TimeSpan wait, CancellationToken cancellationToken)
    {
        var list = ListOf(account.AccountId);
        var start = lastHash is null ? 0 : list.FindIndex(m => m.Hash == lastHash) + 1;
        var page = list.Skip(start).Take(PageSize).ToList();
        var more = start + page.Count < list.Count;
        return Task.FromResult(new SwarmResult<RetrievedMessages>(new RetrievedMessages(page, more, Node), null, Info()));
    }

    public Task<SwarmResult<DeleteReceipt>> DeleteAsync(Ed25519KeyPair account, IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        ListOf(account.AccountId).RemoveAll(m => hashes.Contains(m.Hash));
        Deleted.AddRange(hashes);
        var receipt = new DeleteReceipt([new NodeConfirmation(_nodeKeys.PublicKey, true)], [.. hashes.Order(StringComparer.Ordinal)]);
        return Task.FromResult(new SwarmResult<DeleteReceipt>(receipt, null, Info()));
    }

    private List<RetrievedMessage> ListOf(AccountId account)
    {
        if (!_messages.TryGetValue(account.Hex, out var list))
            _messages[account.Hex] = list = [];
        return list;
    }

    private static SwarmCallInfo Info() => new(1, null, null, false, false);
}
