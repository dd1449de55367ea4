using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Onion;

/// <summary>
/// Takes one layer off an onion request body, cheapest checks first: frame, control JSON, hop count, then the X25519
/// agreement and AEAD, then the decrypted layer's frame and JSON. No I/O, no clock; every failure is a typed
/// <see cref="PeelError"/>, never an exception.
/// </summary>
public static class OnionLayerPeeler
{
    /// <summary>Peels <paramref name="body"/> (<c>[N][ciphertext]{"ephemeral_key","enc_type","hop_no"?}</c>) with the node's key.</summary>
    public static PeeledLayer Peel(ReadOnlyMemory<byte> body, Ed25519KeyPair node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var outer = OnionFrame.Parse(body);
        if (!outer.Ok)
            return new PeeledLayer(PeelError.InvalidRequest, detail: FrameProblem(outer, body.Span));

        var control = OnionLayerClassifier.ParseGuardRequest(outer.Frame.Json.Span);
        if (control.Error == OnionControlError.TooManyHops)
            return new PeeledLayer(PeelError.TooManyHops);
        if (!control.Ok)
            return new PeeledLayer(PeelError.InvalidRequest, detail: control.Detail ?? "the control object is not valid");
        var request = control.Value!;
        var hopNumber = request.HopNumber ?? 0;

        if (!HopKey.TryForNode(node, request.EphemeralKey, request.Encryption, out var key))
            return new PeeledLayer(PeelError.InvalidCiphertext, hopNumber);
        if (!key.TryDecrypt(outer.Frame.Ciphertext.Span, out var plaintext))
        {
            key.Dispose();
            return new PeeledLayer(PeelError.InvalidCiphertext, hopNumber);
        }

        var inner = OnionFrame.Parse(plaintext);
        if (!inner.Ok)
            return new PeeledLayer(PeelError.InvalidInnerJson, hopNumber, key, plaintext);
        var instruction = OnionLayerClassifier.Classify(inner.Frame.Json.Span);
        if (!instruction.Ok)
            return new PeeledLayer(PeelError.InvalidInnerJson, hopNumber, key, plaintext, inner.Frame);
        return new PeeledLayer(PeelError.None, hopNumber, key, plaintext, inner.Frame, instruction.Value);
    }

    /// <summary>Session's words for a frame it cannot split (<c>parse_combined_payload</c>); Wisp's where Session's come from its JSON library.</summary>
    private static string FrameProblem(OnionFrameResult frame, ReadOnlySpan<byte> body) => frame.Error switch
    {
        OnionFrameError.MissingLength => "Unexpected payload size; expected ciphertext size",
        OnionFrameError.LengthBeyondEnd =>
            $"Unexpected payload size {body.Length - 4}, expected >= {System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(body)}",
        _ => frame.Describe(),
    };
}
