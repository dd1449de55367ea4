using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Signing;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Push;

/// <summary>
/// The fields <c>/subscribe</c> and <c>/unsubscribe</c> share, read in SPNS's order: <c>pubkey</c> (33 bytes),
/// <c>session_ed25519</c> (32 bytes; required for a 05 account, ignored otherwise), <c>subaccount</c> (36-byte token)
/// with <c>subaccount_sig</c> (64 bytes), <c>signature</c> (64 bytes), <c>sig_ts</c> (unix seconds), <c>service</c>
/// and <c>service_info</c> (an object the service reads).
/// </summary>
public sealed record PushAuth(
    StoragePubkey Pubkey,
    byte[]? SessionEd25519,
    SubaccountToken? Subaccount,
    byte[]? SubaccountSig,
    long SigTs,
    byte[] Signature,
    string Service,
    JsonElement ServiceInfo)
{
    /// <summary>The Ed25519 key that signs for the account: <c>session_ed25519</c> for a 05 account, else the pubkey's own 32 bytes.</summary>
    public byte[] SigningKey => SessionEd25519 ?? Pubkey.Key.ToArray();

    /// <summary>Reads the shared fields; false and the reply SPNS gives when one is missing or wrong.</summary>
    public static bool TryRead(JsonElement obj, [NotNullWhen(true)] out PushAuth? auth, [NotNullWhen(false)] out PushReply? error)
    {
        auth = null;
        if (!PushJson.TryBytes(obj, "pubkey", StoragePubkey.ByteLength, out var account, out error))
            return false;
        var pubkey = StoragePubkey.FromBytes(account);
        byte[]? sessionEd = null;
        if (pubkey.IsAccount && !PushJson.TryBytes(obj, "session_ed25519", Ed25519.PublicKeyBytes, out sessionEd, out error))
            return false;
        SubaccountToken? subaccount = null;
        byte[]? subaccountSig = null;
        if (obj.TryGetProperty("subaccount", out _))
        {
            if (!obj.TryGetProperty("subaccount_sig", out _))
            {
                error = PushReply.Failure(PushErrorCode.Error, "Cannot specify subaccount without subaccount_sig");
                return false;
            }
            if (!PushJson.TryBytes(obj, "subaccount", SubaccountToken.Length, out var tag, out error)
                || !PushJson.TryBytes(obj, "subaccount_sig", Ed25519.SignatureBytes, out subaccountSig, out error))
                return false;
            subaccount = SubaccountToken.FromBytes(tag);
        }
        if (!PushJson.TryBytes(obj, "signature", Ed25519.SignatureBytes, out var signature, out error))
            return false;
        // SPNS checks the key pair before it reads sig_ts, service and service_info.
        if (sessionEd is not null && new Ed25519PublicKey(sessionEd).ToX25519() is var x && (x is null || !x.Span.SequenceEqual(pubkey.Key)))
        {
            error = PushReply.Failure(PushErrorCode.Error, x is null
                ? "Failed to convert session_ed25519 to x25519 pubkey"
                : "account_id/session_ed25519 mismatch: session_ed25519 does not convert to given account_id");
            return false;
        }
        if (!PushJson.TryInt64(obj, "sig_ts", out var sigTs, out error)
            || !PushJson.TryString(obj, "service", out var service, out error)
            || !PushJson.TryField(obj, "service_info", out var serviceInfo, out error))
            return false;
        auth = new PushAuth(pubkey, sessionEd, subaccount, subaccountSig, sigTs, signature, service, serviceInfo.Clone());
        return true;
    }

    /// <summary>
    /// Checks <see cref="Signature"/> over <paramref name="message"/> as the storage server checks a monitor request:
    /// by the account's key, or by a subaccount the account signed that may read. Null when valid; else SPNS's words.
    /// </summary>
    public string? VerifySignature(ReadOnlySpan<byte> message)
    {
        if (Subaccount is null)
            return Ed25519.Verify(SigningKey, message, Signature) ? null : "Signature verification failed";
        if (!Subaccount.Has(SubaccountAccess.Read))
            return "Invalid subaccount: this subaccount does not have read permission";
        if (!Subaccount.AllowsPrefix(Pubkey.Prefix))
            return "Invalid subaccount: subaccount and main account have mismatched network prefix";
        if (!Ed25519.Verify(SigningKey, Subaccount.Bytes, SubaccountSig))
            return "Subaccount auth signature verification failed";
        return Ed25519.Verify(Subaccount.Pubkey, message, Signature) ? null : "Subaccount main signature verification failed";
    }

    /// <summary>Writes the shared fields (hex) into an open JSON object.</summary>
    internal void WriteFields(Utf8JsonWriter writer)
    {
        writer.WriteString("pubkey", Pubkey.Hex);
        if (SessionEd25519 is not null) writer.WriteString("session_ed25519", Convert.ToHexStringLower(SessionEd25519));
        if (Subaccount is not null && SubaccountSig is not null)
        {
            writer.WriteString("subaccount", Convert.ToHexStringLower(Subaccount.Bytes));
            writer.WriteString("subaccount_sig", Convert.ToHexStringLower(SubaccountSig));
        }
        writer.WriteNumber("sig_ts", SigTs);
        writer.WriteString("signature", Convert.ToHexStringLower(Signature));
        writer.WriteString("service", Service);
        writer.WritePropertyName("service_info");
        ServiceInfo.WriteTo(writer);
    }
}
