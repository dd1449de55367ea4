using System.Buffers;
using System.Text.Json;

namespace Wisp.Protocol.Rpc;

/// <summary>
/// Writes a storage RPC request body, <c>{"method": …, "params": {…}}</c>, the shape <see cref="RpcEnvelope"/> reads.
/// Each request record writes its own <c>params</c> next to the parser that reads them; this is the envelope
/// around them and the signature fields they share.
/// </summary>
public static class RequestBody
{
    /// <summary>The UTF-8 body of <paramref name="method"/> with the params <paramref name="writeParams"/> writes (one object).</summary>
    public static byte[] Serialize(string method, Action<Utf8JsonWriter> writeParams)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(writeParams);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, RpcJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("method", method);
            writer.WritePropertyName("params");
            writeParams(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes <c>pubkey_ed25519</c> (when the signature names the signing key: 05 accounts), <c>signature</c> and,
    /// for a request signed under a subaccount token, <c>subaccount</c> and <c>subaccount_sig</c> (all base64,
    /// padded): the fields the request parsers load a signature from.
    /// </summary>
    public static void WriteSignature(Utf8JsonWriter writer, RequestSignature signature)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.PubkeyEd25519 is { } key)
            writer.WriteString("pubkey_ed25519", key.ToHex());
        writer.WriteBase64String("signature", signature.Signature);
        if (signature.Subaccount is { } subaccount)
        {
            writer.WriteBase64String("subaccount", subaccount.Token.Bytes);
            writer.WriteBase64String("subaccount_sig", subaccount.Signature);
        }
    }
}
