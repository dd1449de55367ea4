using System.Text;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Onion;

/// <summary>
/// The destination's answer to a client: <c>{"body": …, "status": code}</c> encrypted once with the hop key of the
/// destination's layer, base64-encoded unless the layer said <c>"base64": false</c>. The RPC's JSON body goes in as
/// a string (Session's "double-encoded" default) or, with <c>"json": true</c>, as the JSON value itself. The hops
/// in between relay these bytes unchanged, and none of them can read them.
/// </summary>
public static class OnionResponses
{
    /// <summary>The plaintext <c>{"body","status"}</c> for an RPC answer (<see cref="DestinationReply.Write"/>).</summary>
    public static byte[] Plaintext(int status, ReadOnlySpan<byte> body, bool bodyIsJson, bool embedJson) =>
        DestinationReply.Write(status, body, bodyIsJson, embedJson);

    /// <summary>The destination's reply: the RPC answer encrypted for the client, as the layer asked for it.</summary>
    public static OnionReply Encrypt(HopKey key, int status, ReadOnlySpan<byte> body, bool bodyIsJson, DestinationInstruction instruction)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(instruction);
        return Seal(key, Plaintext(status, body, bodyIsJson, instruction.Json), instruction.Base64);
    }

    /// <summary>
    /// An error only the client should read (its layer decrypted but asked for something wrong), encrypted like a
    /// reply and sent with HTTP 200 so the hops in between learn nothing from the status.
    /// </summary>
    public static OnionReply EncryptError(HopKey key, int status, string message, bool base64 = true)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Seal(key, Plaintext(status, Encoding.UTF8.GetBytes(message), bodyIsJson: false, embedJson: false), base64);
    }

    private static OnionReply Seal(HopKey key, byte[] plaintext, bool base64)
    {
        var ciphertext = key.Encrypt(plaintext);
        return base64
            ? new OnionReply(200, Encoding.ASCII.GetBytes(Convert.ToBase64String(ciphertext)), OnionReply.PlainText)
            : new OnionReply(200, ciphertext, OnionReply.OctetStream);
    }
}
