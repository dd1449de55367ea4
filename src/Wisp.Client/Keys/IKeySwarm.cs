using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.Protocol.V2;

namespace Wisp.Client.Keys;

/// <summary>
/// The swarm calls protocol v2's keys make: store the account's bundle in its own public outbox (namespace −21, signed
/// by the owner; a store replaces what is there) and read a contact's (unsigned: anyone may).
/// </summary>
internal interface IKeySwarm
{
    /// <summary>Stores <paramref name="bundle"/> in namespace −21 of <paramref name="account"/>'s own swarm.</summary>
    Task<SwarmResult<StoreReceipt>> PublishAsync(Ed25519KeyPair account, byte[] bundle, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>Reads namespace −21 of <paramref name="peer"/>'s swarm.</summary>
    Task<SwarmResult<RetrievedMessages>> FetchAsync(AccountId peer, CancellationToken cancellationToken);
}

/// <summary><see cref="IKeySwarm"/> through the <see cref="SwarmClient"/>'s onion paths.</summary>
internal sealed class SwarmClientKeySwarm(SwarmClient client) : IKeySwarm
{
    /// <inheritdoc />
    public Task<SwarmResult<StoreReceipt>> PublishAsync(Ed25519KeyPair account, byte[] bundle, TimeSpan ttl, CancellationToken cancellationToken) =>
        client.StoreAsync(account.AccountId, AccountKeyBundle.Namespace, bundle, ttl, account, cancellationToken);

    /// <inheritdoc />
    public Task<SwarmResult<RetrievedMessages>> FetchAsync(AccountId peer, CancellationToken cancellationToken) =>
        client.RetrievePublicAsync(peer, AccountKeyBundle.Namespace, cancellationToken);
}
