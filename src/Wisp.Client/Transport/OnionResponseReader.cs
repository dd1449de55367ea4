using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Wisp.Protocol.Bencode;
using Wisp.Protocol.Onion;

namespace Wisp.Client.Transport;

/// <summary>
/// Reads the guard's answer to an onion request. Any status but 200 is a hop's plain relay error: the destination
/// always answers 200, with its own status inside the encrypted reply, so the hops in between learn nothing from it.
/// A 200 is decrypted with the destination layer's key: base64 or raw <c>{"status","body"}</c> from a node, or a v4
/// <c>[meta, body]</c> from a server. No I/O.
/// </summary>
internal static class OnionResponseReader
{
    /// <summary>Reads <paramref name="body"/>, answered with <paramref name="httpStatus"/>, to <paramref name="request"/>.</summary>
    public static OnionResponse Read(int httpStatus, ReadOnlySpan<byte> body, OnionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (httpStatus != 200)
            return OnionResponse.FromRelay(httpStatus, body.ToArray());

        var ciphertext = request.ReplyEncoding == OnionReplyEncoding.Base64Json ? DecodeBase64(body) : body.ToArray();
        if (ciphertext is null)
            return OnionResponse.Unreadable("the reply is not base64");
        if (!request.ReplyKey.TryDecrypt(ciphertext, out var plaintext))
            return OnionResponse.Unreadable("the reply does not decrypt with the destination's key");
        return request.ReplyEncoding == OnionReplyEncoding.V4 ? ReadV4(plaintext) : ReadJson(plaintext);
    }

    /// <summary>Reads a decrypted <c>{"body": string or JSON, "status": code}</c> (<see cref="DestinationReply"/>).</summary>
    internal static OnionResponse ReadJson(ReadOnlySpan<byte> plaintext) =>
        DestinationReply.TryRead(plaintext, out var status, out var body, out var problem)
            ? OnionResponse.Reply(status, body)
            : OnionResponse.Unreadable(problem!);

    private static OnionResponse ReadV4(byte[] plaintext)
    {
        var decoded = OnionV4Codec.DecodeResponse(plaintext);
        return decoded.Ok
            ? OnionResponse.Reply(decoded.Value!.Code, decoded.Value.Body.ToArray())
            : OnionResponse.Unreadable($"the server's reply is not v4: {decoded.Detail}");
    }

    private static byte[]? DecodeBase64(ReadOnlySpan<byte> text)
    {
        var bytes = new byte[Base64.GetMaxDecodedFromUtf8Length(text.Length)];
        var status = Base64.DecodeFromUtf8(text.Trim((byte)'\n'), bytes, out _, out var written);
        return status == OperationStatus.Done ? bytes[..written] : null;
    }
}
