using Wisp.Crypto.Signing;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Node.Rpc;

/// <summary>The clock and signature checks every authenticated method shares (Session's rules).</summary>
internal static class RequestChecks
{
    /// <summary>
    /// 406 unless <paramref name="timestampMs"/> is within ±<paramref name="toleranceMs"/> (60 s for a client's request,
    /// 70 s for one a swarm peer forwarded) of <paramref name="nowMs"/>.
    /// </summary>
    public static RpcError? WithinTolerance(
        string method, string field, long timestampMs, long nowMs, long toleranceMs = StorageLimits.SignatureToleranceMs)
    {
        var offset = timestampMs - nowMs;
        if (Math.Abs(offset) <= toleranceMs)
            return null;
        return new RpcError(RpcStatus.NotAcceptable,
            $"{method}: params.{field} is {Describe(offset)} the node's clock (allowed ±{toleranceMs / 1000} s); "
            + "sign with the time from the \"t\" of a recent response");
    }

    /// <summary>"12 s ahead of" / "90 s behind".</summary>
    public static string Describe(long offsetMs) =>
        offsetMs >= 0 ? $"{offsetMs / 1000} s ahead of" : $"{-offsetMs / 1000} s behind";

    /// <summary>
    /// 401 unless <paramref name="signature"/> signs <paramref name="message"/> for <paramref name="pubkey"/>. A 05
    /// account signs with the Ed25519 key given as pubkey_ed25519, which must convert to the account's X25519 key;
    /// any other prefix is its own Ed25519 key.
    /// </summary>
    public static RpcError? SignedBy(string method, StoragePubkey pubkey, RequestSignature signature, byte[] message)
    {
        ReadOnlySpan<byte> verifyingKey = pubkey.Key;
        if (pubkey.IsAccount && signature.PubkeyEd25519 is { } ed25519)
        {
            var x25519 = X25519FormCache.Of(ed25519, out var valid);
            if (!valid || !x25519.SequenceEqual(pubkey.Key))
                return new RpcError(RpcStatus.Unauthorized,
                    $"{method}: params.pubkey_ed25519 is not this account's key (its X25519 form is not the pubkey)");
            verifyingKey = ed25519.Span;
        }
        if (Ed25519.Verify(verifyingKey, message, signature.Signature))
            return null;
        var hint = pubkey.IsAccount && signature.PubkeyEd25519 is null
            ? "; a 05 account must send pubkey_ed25519, the Ed25519 key it signs with"
            : "";
        return new RpcError(RpcStatus.Unauthorized, $"{method} signature verification failed{hint}");
    }
}
