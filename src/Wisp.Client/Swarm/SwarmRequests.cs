using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Swarm;

/// <summary>
/// The storage RPC bodies the client sends, each written by the request record of <c>Wisp.Protocol.Rpc</c> that also
/// parses it on the node. This class only signs: over <see cref="SignatureStrings"/>, with timestamps the caller
/// gives (the network clock's). No I/O, no clock.
/// </summary>
internal static class SwarmRequests
{
    public static byte[] Store(StoragePubkey pubkey, int ns, ReadOnlySpan<byte> data, long timestampMs, long ttlMs, Ed25519KeyPair? signer)
    {
        var signature = signer is null ? null : Sign(pubkey, signer, SignatureStrings.Store(ns, timestampMs));
        return new StoreRequest(pubkey, ns, timestampMs, timestampMs + ttlMs, data.ToArray(), signature, timestampMs).ToBody();
    }

    public static byte[] Retrieve(Ed25519KeyPair account, int ns, string? lastHash, int? maxCount, long timestampMs, int waitMs = 0)
    {
        var pubkey = StoragePubkey.FromBytes(account.AccountId.Bytes);
        var signature = Sign(pubkey, account, SignatureStrings.Retrieve(ns, timestampMs));
        // Wisp's waiting retrieve is written only when asked for, so a plain retrieve stays exactly Session's.
        return new RetrieveRequest(pubkey, ns, lastHash, maxCount, MaxSize: null, signature, timestampMs) { WispWaitMs = waitMs }.ToBody();
    }

    public static byte[] Delete(Ed25519KeyPair account, IReadOnlyList<string> hashes)
    {
        var pubkey = StoragePubkey.FromBytes(account.AccountId.Bytes);
        var signature = Sign(pubkey, account, SignatureStrings.Delete(hashes));
        return new DeleteRequest(pubkey, hashes, Required: false, signature).ToBody();
    }

    public static byte[] GetSwarm(StoragePubkey pubkey) => new GetSwarmRequest(pubkey).ToBody();

    public static byte[] Info() => InfoRequest.Value.ToBody();

    /// <summary>The signature, naming the signing key for a 05 account (the node checks it converts to the account key).</summary>
    private static RequestSignature Sign(StoragePubkey pubkey, Ed25519KeyPair signer, byte[] message) =>
        new(Ed25519.Sign(signer, message), pubkey.IsAccount ? signer.PublicKey : null);
}
