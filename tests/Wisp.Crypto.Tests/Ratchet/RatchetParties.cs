using System.Buffers.Binary;
using Wisp.Crypto.Ratchet;

namespace Wisp.Crypto.Tests.Ratchet;

/// <summary>One message in flight: the header's fields, the bytes they were written as, and the ciphertext.</summary>
internal sealed record RatchetWire(RatchetHeader Header, byte[] HeaderBytes, byte[] Ciphertext, string Text);

/// <summary>Two in-memory parties: Alice opens with a hello, Bob accepts (and so sends first).</summary>
internal sealed class RatchetParties : IDisposable
{
    public static readonly byte[] AssociatedData = "WispRatchetTest alice|bob"u8.ToArray();

    public RatchetParties()
    {
        using var hello = RatchetHello.Generate();
        Assert.True(RatchetSession.TryAccept(hello.X25519PublicKey, hello.KemPublicKey, AssociatedData, out var bob, out var x, out var ct));
        Assert.True(RatchetSession.TryComplete(hello, x, ct, AssociatedData, out var alice));
        Alice = alice;
        Bob = bob;
    }

    public RatchetSession Alice { get; }

    public RatchetSession Bob { get; }

    /// <summary>Seals <paramref name="text"/>; the header's bytes are a plain field-by-field encoding (Wisp.Protocol's is tested there).</summary>
    public static RatchetWire Send(RatchetSession from, string text)
    {
        RatchetHeader? header = null;
        var sealedMessage = from.Seal(System.Text.Encoding.UTF8.GetBytes(text), h =>
        {
            header = h;
            return Encode(h);
        });
        return new RatchetWire(header!, sealedMessage.Header, sealedMessage.Ciphertext, text);
    }

    public static RatchetOpenResult Receive(RatchetSession to, RatchetWire wire) =>
        to.Open(wire.Header, wire.HeaderBytes, wire.Ciphertext);

    public static string ReceiveText(RatchetSession to, RatchetWire wire)
    {
        var result = Receive(to, wire);
        Assert.True(result.Succeeded, $"'{wire.Text}' refused: {result.Failure}");
        return System.Text.Encoding.UTF8.GetString(result.Plaintext);
    }

    private static byte[] Encode(RatchetHeader h)
    {
        var bytes = new byte[32 + 8 + (h.KemPublicKey?.Length ?? 0) + (h.KemCiphertext?.Length ?? 0)];
        h.DhPublicKey.Span.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(32), h.PreviousChainLength);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(36), h.MessageNumber);
        h.KemPublicKey?.CopyTo(bytes, 40);
        h.KemCiphertext?.CopyTo(bytes, 40 + (h.KemPublicKey?.Length ?? 0));
        return bytes;
    }

    public void Dispose()
    {
        Alice.Dispose();
        Bob.Dispose();
    }
}
