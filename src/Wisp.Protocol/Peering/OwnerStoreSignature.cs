using System.Text.Json;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Rpc;
using Wisp.Protocol.Storage;

namespace Wisp.Protocol.Peering;

/// <summary>
/// The owner's authorization of a store, kept with the message and carried with it between nodes (a Wisp extension to
/// Session's node-to-node exchange): <c>{"sig_timestamp", "signature", "pubkey_ed25519"?, "subaccount"?, "subaccount_sig"?}</c>,
/// Session's own field names — the Unix ms the client signed at, its Ed25519 signature of
/// <c>"store" ‖ namespace ‖ sig_timestamp</c> (<see cref="SignatureStrings.Store"/>, base64), for a 05 account the
/// Ed25519 key that signed (hex), and for a subaccount the token and the owner's signature of it (base64). A receiving
/// node checks it exactly as a client's store, so a peer cannot place a message in an owner-signed namespace that the
/// owner never wrote to. Session's signature does not cover the data, so it vouches for the owner's store in that
/// namespace at that time, not for these bytes (docs/PROTOCOL.md).
/// </summary>
/// <param name="SignatureTimestampMs">When the client signed, Unix ms.</param>
/// <param name="Signature">The 64-byte signature.</param>
/// <param name="PubkeyEd25519">The signing key of a 05 account, when sent.</param>
/// <param name="Subaccount">The subaccount token and the owner's signature of it, when a subaccount stored.</param>
public sealed record OwnerStoreSignature(long SignatureTimestampMs, byte[] Signature, Ed25519PublicKey? PubkeyEd25519, SignedSubaccount? Subaccount)
{
    /// <summary>The signature of a verified store request.</summary>
    public static OwnerStoreSignature From(RequestSignature signature, long signatureTimestampMs)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return new OwnerStoreSignature(signatureTimestampMs, signature.Signature, signature.PubkeyEd25519, signature.Subaccount);
    }

    /// <summary>The request signature it stands for, to check as a store's.</summary>
    public RequestSignature ToRequestSignature() => new(Signature, PubkeyEd25519) { Subaccount = Subaccount };

    /// <summary>Writes the record as one JSON object.</summary>
    public void Write(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteNumber("sig_timestamp", SignatureTimestampMs);
        json.WriteBase64String("signature", Signature);
        if (PubkeyEd25519 is not null)
            json.WriteString("pubkey_ed25519", PubkeyEd25519.ToHex());
        if (Subaccount is not null)
        {
            json.WriteBase64String("subaccount", Subaccount.Token.Bytes);
            json.WriteBase64String("subaccount_sig", Subaccount.Signature);
        }
        json.WriteEndObject();
    }

    /// <summary>The record's JSON bytes (what a node keeps in its store).</summary>
    public byte[] ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
            Write(json);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Reads the record's JSON bytes; null when they do not read (a damaged row is then sent without it).</summary>
    public static OwnerStoreSignature? Read(ReadOnlySpan<byte> bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes.ToArray());
            return TryRead(document.RootElement, out var signature, out _) ? signature : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads one record, checking every field's type and length.</summary>
    public static bool TryRead(JsonElement record, out OwnerStoreSignature signature, out string? problem)
    {
        signature = null!;
        problem = "owner_sig must be an object with sig_timestamp (Unix ms), signature (64 bytes, base64) and, when present, "
            + "pubkey_ed25519 (64 hex), subaccount (36 bytes, base64) with subaccount_sig (64 bytes, base64)";
        if (record.ValueKind != JsonValueKind.Object || !PeeringJson.Long(record, "sig_timestamp", out var timestamp) || timestamp < 0)
            return false;
        if (!Bytes(record, "signature", 64, out var bytes))
            return false;
        Ed25519PublicKey? ed25519 = null;
        if (record.TryGetProperty("pubkey_ed25519", out _))
        {
            if (!PeeringJson.String(record, "pubkey_ed25519", out var hex) || hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
                return false;
            ed25519 = Ed25519PublicKey.FromHex(hex);
        }
        SignedSubaccount? subaccount = null;
        if (record.TryGetProperty("subaccount", out _) || record.TryGetProperty("subaccount_sig", out _))
        {
            if (!Bytes(record, "subaccount", SubaccountToken.Length, out var token) || !Bytes(record, "subaccount_sig", 64, out var tokenSignature))
                return false;
            subaccount = new SignedSubaccount(SubaccountToken.FromBytes(token), tokenSignature);
        }
        signature = new OwnerStoreSignature(timestamp, bytes, ed25519, subaccount);
        problem = null;
        return true;
    }

    private static bool Bytes(JsonElement parent, string name, int length, out byte[] bytes)
    {
        bytes = [];
        if (!parent.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String
            || element.GetRawText().Length > length * 2 + 8 || !element.TryGetBytesFromBase64(out var decoded) || decoded.Length != length)
            return false;
        bytes = decoded;
        return true;
    }
}
