using Wisp.Protocol.Storage;

namespace Wisp.Push.Storage;

/// <summary>One stored subscription: the account's signed monitor request and where its notifications go.</summary>
internal sealed record StoredSubscription(
    long Id,
    StoragePubkey Account,
    byte[]? SessionEd25519,
    byte[]? SubaccountTag,
    byte[]? SubaccountSig,
    byte[] Signature,
    long SigTs,
    bool WantData,
    byte[] EncKey,
    IReadOnlyList<short> Namespaces,
    string Service,
    string ServiceId,
    string? ServiceData)
{
    /// <summary>True when it asked for notifications of <paramref name="ns"/>.</summary>
    public bool Covers(int ns) => Namespaces.Contains((short)ns);
}
