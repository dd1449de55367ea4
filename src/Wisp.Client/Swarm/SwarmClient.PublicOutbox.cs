using Wisp.Crypto.Keys;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Swarm;

internal sealed partial class SwarmClient
{
    /// <summary>
    /// Reads namespace <paramref name="ns"/> of <paramref name="account"/>'s swarm without a signature: only public
    /// outboxes (−(20n+1), such as protocol v2's key bundles in −21) allow it, since anyone may read them.
    /// </summary>
    /// <exception cref="ArgumentException">The namespace is not a public outbox.</exception>
    public async Task<SwarmResult<RetrievedMessages>> RetrievePublicAsync(AccountId account, int ns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (!Namespaces.IsPublicOutbox(ns))
            throw new ArgumentException($"Namespace {ns} is not a public outbox; its retrieves are signed.", nameof(ns));
        var pubkey = StoragePubkey.FromBytes(account.Bytes);
        var call = await _caller.CallAsync<RetrieveResponse>(
            pubkey, () => new RetrieveRequest(pubkey, ns, LastHash: null, MaxCount: null, MaxSize: null, Signature: null, TimestampMs: null).ToBody(),
            r => r.T, preferred: null, cancellationToken).ConfigureAwait(false);
        return Finish(call, reply => SwarmReplies.Retrieve(reply, call.Info.Destination!));
    }
}
