using System.Diagnostics.CodeAnalysis;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;

namespace Wisp.Protocol.Onion;

/// <summary>
/// The last onion layer as a server receives it (<c>[u32 LE N][ciphertext]{"ephemeral_key","enc_type",…}</c>,
/// encrypted to the server's X25519 key): opened once here for both the v3 and v4 endpoints.
/// </summary>
internal static class OnionServerLayer
{
    /// <summary>The plaintext and the hop key to encrypt the reply with; false when the layer is not ours or does not parse.</summary>
    public static bool TryOpen(X25519KeyPair serverKey, ReadOnlyMemory<byte> body, [NotNullWhen(true)] out HopKey? key, [NotNullWhen(true)] out byte[]? plaintext)
    {
        (key, plaintext) = (null, null);
        var frame = OnionFrame.Parse(body);
        if (!frame.Ok)
            return false;
        var control = OnionLayerClassifier.ParseGuardRequest(frame.Frame.Json.Span);
        if (!control.Ok || !HopKey.TryForNode(serverKey, control.Value!.EphemeralKey, control.Value.Encryption, out key))
            return false;
        if (key.TryDecrypt(frame.Frame.Ciphertext.Span, out plaintext))
            return true;
        key.Dispose();
        key = null;
        return false;
    }
}
