using Wisp.Crypto.Signing;
using Wisp.Node.Storage;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary>
/// Checks a request's signature as Session's <c>verify_signature</c> does. The owner's key is the pubkey itself, or
/// for a 05 account the <c>pubkey_ed25519</c> sent, which must convert to the account's X25519 key. With a subaccount,
/// the token must not be revoked (unless <c>skipRevokeCheck</c>), must be for this prefix (or any), must grant the
/// access the method needs and must be signed by the owner's key; the request is then signed by the token's key.
/// Every failure is the same false: the method answers its own 401 text. A store a swarm peer hands over passes
/// <c>signedAtMs</c>: a revocation then refuses only what the subaccount signed at or after it, since a message a
/// member stored while it was one stays the owner's (Session deletes nothing on revocation).
/// </summary>
internal static class RequestAuth
{
    /// <summary>True when <paramref name="timestampMs"/> is within ±<paramref name="toleranceMs"/> of <paramref name="nowMs"/>.</summary>
    public static bool WithinTolerance(long timestampMs, long nowMs, long toleranceMs = StorageLimits.SignatureToleranceMs) =>
        timestampMs >= nowMs - toleranceMs && timestampMs <= nowMs + toleranceMs;

    public static async ValueTask<bool> VerifyAsync(
        IMessageStore store, StoragePubkey pubkey, RequestSignature signature, SubaccountAccess access, bool skipRevokeCheck,
        byte[] message, CancellationToken cancellationToken, long? signedAtMs = null)
    {
        var ownerKey = OwnerKey(pubkey, signature);
        if (ownerKey is null)
            return false;
        var signingKey = ownerKey;
        if (signature.Subaccount is { } subaccount)
        {
            var token = subaccount.Token;
            if (!skipRevokeCheck && await store.SubaccountRevokedAtAsync(pubkey.Hex, token.Bytes.ToArray(), cancellationToken) is { } revokedAt
                && (signedAtMs is null || revokedAt <= signedAtMs))
                return false;
            if (!token.AllowsPrefix(pubkey.Prefix) || !token.Has(access) || !Ed25519.Verify(ownerKey, token.Bytes, subaccount.Signature))
                return false;
            signingKey = token.Pubkey.ToArray();
        }
        return Ed25519.Verify(signingKey, message, signature.Signature);
    }

    /// <summary>The key the owner signs with; null when a 05 account's pubkey_ed25519 does not convert to its key.</summary>
    private static byte[]? OwnerKey(StoragePubkey pubkey, RequestSignature signature)
    {
        if (!pubkey.IsAccount || signature.PubkeyEd25519 is not { } ed25519)
            return pubkey.Key.ToArray();
        var x25519 = X25519FormCache.Of(ed25519, out var valid);
        return valid && x25519.SequenceEqual(pubkey.Key) ? ed25519.Span.ToArray() : null;
    }
}
