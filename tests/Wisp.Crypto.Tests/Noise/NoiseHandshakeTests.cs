using System.Security.Cryptography;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Noise;

namespace Wisp.Crypto.Tests.Noise;

public class NoiseHandshakeTests
{
    private static (NoiseHandshake Initiator, NoiseHandshake Responder) Ik(X25519KeyPair client, X25519KeyPair server, X25519PublicKey? serverAsKnown = null) =>
        (new NoiseHandshake(NoisePattern.IK, true, client, serverAsKnown ?? server.PublicKey, NoiseProtocol.DirectPrologue),
         new NoiseHandshake(NoisePattern.IK, false, server, null, NoiseProtocol.DirectPrologue));

    private static (NoiseTransport Initiator, NoiseTransport Responder) Run(NoiseHandshake initiator, NoiseHandshake responder)
    {
        for (var i = 0; !initiator.IsComplete; i++)
        {
            var (writer, reader) = i % 2 == 0 ? (initiator, responder) : (responder, initiator);
            Assert.True(reader.TryReadMessage(writer.WriteMessage([(byte)i]), out var payload));
            Assert.Equal([(byte)i], payload);
        }
        return (initiator.Split(), responder.Split());
    }

    [Fact]
    public void IkGivesBothSidesMatchingKeysAndTheRemoteStatics()
    {
        using var client = X25519KeyPair.Generate();
        using var server = X25519KeyPair.Generate();
        var (i, r) = Ik(client, server);
        Assert.True(i.IsMyTurn);
        Assert.False(r.IsMyTurn);
        var (it, rt) = Run(i, r);
        using (it)
        using (rt)
        {
            Assert.Equal(it.SendKey.ToArray(), rt.ReceiveKey.ToArray());
            Assert.Equal(it.ReceiveKey.ToArray(), rt.SendKey.ToArray());
            Assert.NotEqual(it.SendKey.ToArray(), it.ReceiveKey.ToArray());
            Assert.Equal(64, it.HandshakeHash.Length);
            Assert.Equal(it.HandshakeHash.ToArray(), rt.HandshakeHash.ToArray());
            Assert.Equal(server.PublicKey, it.RemoteStatic);
            Assert.Equal(client.PublicKey, rt.RemoteStatic);
            Assert.True(rt.Receive.TryDecrypt([], it.Send.Encrypt([], "hello"u8), out var plaintext));
            Assert.Equal("hello"u8.ToArray(), plaintext);
        }
    }

    [Fact]
    public void XxLearnsBothStatics()
    {
        using var a = X25519KeyPair.Generate();
        using var b = X25519KeyPair.Generate();
        using var i = new NoiseHandshake(NoisePattern.XX, true, a);
        using var r = new NoiseHandshake(NoisePattern.XX, false, b);
        var (it, rt) = Run(i, r);
        Assert.Equal(b.PublicKey, it.RemoteStatic);
        Assert.Equal(a.PublicKey, rt.RemoteStatic);
        it.Dispose();
        rt.Dispose();
    }

    [Fact]
    public void IkToTheWrongResponderKeyFailsAtTheResponder()
    {
        using var client = X25519KeyPair.Generate();
        using var server = X25519KeyPair.Generate();
        using var someoneElse = X25519KeyPair.Generate();
        var (i, r) = Ik(client, server, serverAsKnown: someoneElse.PublicKey);
        Assert.False(r.TryReadMessage(i.WriteMessage("hi"u8), out var payload));
        Assert.Empty(payload);
        Assert.True(r.IsFailed);
        Assert.Null(r.RemoteStatic);
        Assert.Throws<InvalidOperationException>(() => r.WriteMessage([]));
    }

    [Fact]
    public void IkReplyFromAnImpostorFailsAtTheInitiator()
    {
        // Someone who answers without the server's secret key cannot produce a reply the client accepts.
        using var client = X25519KeyPair.Generate();
        using var server = X25519KeyPair.Generate();
        using var impostor = X25519KeyPair.Generate();
        using var i = new NoiseHandshake(NoisePattern.IK, true, client, server.PublicKey);
        using var fake = new NoiseHandshake(NoisePattern.IK, false, impostor);
        var m1 = i.WriteMessage([]);
        Assert.False(fake.TryReadMessage(m1, out _));
        using var fakeForItself = new NoiseHandshake(NoisePattern.IK, true, client, impostor.PublicKey);
        using var impostorSide = new NoiseHandshake(NoisePattern.IK, false, impostor);
        Assert.True(impostorSide.TryReadMessage(fakeForItself.WriteMessage([]), out _));
        Assert.False(i.TryReadMessage(impostorSide.WriteMessage([]), out _));
        Assert.True(i.IsFailed);
    }

    [Theory]
    [InlineData(NoisePattern.IK, 0)]
    [InlineData(NoisePattern.IK, 1)]
    [InlineData(NoisePattern.XX, 1)]
    [InlineData(NoisePattern.XX, 2)]
    public void AnyChangedByteOfAnAuthenticatedHandshakeMessageIsRefused(NoisePattern pattern, int messageIndex)
    {
        using var a = X25519KeyPair.Generate();
        using var b = X25519KeyPair.Generate();
        byte[] original = [];
        for (var position = 0; ; position++)
        {
            using var i = new NoiseHandshake(pattern, true, a, pattern == NoisePattern.IK ? b.PublicKey : null);
            using var r = new NoiseHandshake(pattern, false, b);
            for (var k = 0; k < messageIndex; k++)
            {
                var (w, rd) = k % 2 == 0 ? (i, r) : (r, i);
                Assert.True(rd.TryReadMessage(w.WriteMessage("p"u8), out _));
            }
            var (writer, reader) = messageIndex % 2 == 0 ? (i, r) : (r, i);
            var message = writer.WriteMessage("payload"u8);
            if (position == message.Length)
                break;
            message[position] ^= 0x01;
            Assert.False(reader.TryReadMessage(message, out _), $"byte {position} of message {messageIndex} changed");
            Assert.True(reader.IsFailed);
            original = message;
        }
        Assert.NotEmpty(original);
    }

    [Fact]
    public void ATruncatedOrExtendedMessageIsRefused()
    {
        using var client = X25519KeyPair.Generate();
        using var server = X25519KeyPair.Generate();
        var m1 = Ik(client, server).Initiator.WriteMessage("x"u8);
        Assert.False(Ik(client, server).Responder.TryReadMessage(m1.AsSpan(0, m1.Length - 1), out _));
        Assert.False(Ik(client, server).Responder.TryReadMessage(m1.AsSpan(0, 40), out _));
        Assert.False(Ik(client, server).Responder.TryReadMessage([.. m1, 0], out _));
        Assert.False(Ik(client, server).Responder.TryReadMessage(new byte[NoiseProtocol.MaxMessageBytes + 1], out _));
    }

    [Fact]
    public void ADifferentPrologueFailsTheHandshake()
    {
        using var client = X25519KeyPair.Generate();
        using var server = X25519KeyPair.Generate();
        using var i = new NoiseHandshake(NoisePattern.IK, true, client, server.PublicKey, "wisp/direct/1"u8);
        using var r = new NoiseHandshake(NoisePattern.IK, false, server, null, "wisp/direct/2"u8);
        Assert.False(r.TryReadMessage(i.WriteMessage([]), out _));
    }

    [Fact]
    public void ALowOrderEphemeralKeyIsRefused()
    {
        // The X25519 point of order 8 with u = 0: every DH with it is all zeros.
        using var client = X25519KeyPair.Generate();
        using var server = X25519KeyPair.Generate();
        var m1 = Ik(client, server).Initiator.WriteMessage([]);
        Array.Clear(m1, 0, 32);
        using var r = new NoiseHandshake(NoisePattern.IK, false, server);
        Assert.False(r.TryReadMessage(m1, out _));

        // XX: the responder first uses the remote ephemeral when it writes message 2.
        using var xr = new NoiseHandshake(NoisePattern.XX, false, server);
        Assert.True(xr.TryReadMessage(new byte[32], out _));
        Assert.Throws<CryptographicException>(() => xr.WriteMessage([]));
        Assert.True(xr.IsFailed);
    }

    [Fact]
    public void ATransportMessageChangedReplayedOrUnderTheWrongKeyIsRefused()
    {
        using var client = X25519KeyPair.Generate();
        using var server = X25519KeyPair.Generate();
        var (i, r) = Ik(client, server);
        var (it, rt) = Run(i, r);
        var first = it.Send.Encrypt("ad"u8, "one"u8);
        var second = it.Send.Encrypt("ad"u8, "two"u8);

        var changed = (byte[])first.Clone();
        changed[^1] ^= 0x80;
        Assert.False(rt.Receive.TryDecrypt("ad"u8, changed, out _));
        Assert.False(rt.Receive.TryDecrypt("other ad"u8, first, out _));
        Assert.False(rt.Receive.TryDecrypt("ad"u8, second, out _)); // out of order
        Assert.Equal(0UL, rt.Receive.Nonce); // failures do not move the counter
        Assert.True(rt.Receive.TryDecrypt("ad"u8, first, out var one));
        Assert.Equal("one"u8.ToArray(), one);
        Assert.False(rt.Receive.TryDecrypt("ad"u8, first, out _)); // replayed
        Assert.False(it.Receive.TryDecrypt("ad"u8, second, out _)); // own direction's key
        Assert.True(rt.Receive.TryDecrypt("ad"u8, second, out _));
        Assert.False(rt.Receive.TryDecrypt([], new byte[15], out _));
        it.Dispose();
        rt.Dispose();
    }

    [Fact]
    public void CallsOutOfOrderAndWrongKeysAreProgrammingErrors()
    {
        using var key = X25519KeyPair.Generate();
        Assert.Throws<ArgumentException>(() => new NoiseHandshake(NoisePattern.XX, true, null));
        Assert.Throws<ArgumentException>(() => new NoiseHandshake(NoisePattern.NN, true, key));
        Assert.Throws<ArgumentException>(() => new NoiseHandshake(NoisePattern.IK, true, key));
        Assert.Throws<ArgumentException>(() => new NoiseHandshake(NoisePattern.IK, false, key, key.PublicKey));
        using var i = new NoiseHandshake(NoisePattern.NN, true, null);
        Assert.Throws<InvalidOperationException>(() => i.TryReadMessage(new byte[32], out _));
        Assert.Throws<InvalidOperationException>(() => i.Split());
        Assert.Throws<ArgumentException>(() => i.WriteMessage(new byte[NoiseProtocol.MaxMessageBytes - 31]));
        i.WriteMessage(new byte[NoiseProtocol.MaxMessageBytes - 32]);
        Assert.Throws<InvalidOperationException>(() => i.WriteMessage([]));
    }

    [Fact]
    public void SplitIsOnceAndDisposeWipesTheKeys()
    {
        using var i = new NoiseHandshake(NoisePattern.NN, true, null);
        using var r = new NoiseHandshake(NoisePattern.NN, false, null);
        var (it, rt) = Run(i, r);
        Assert.Throws<ObjectDisposedException>(() => i.Split());
        it.Dispose();
        Assert.Throws<ObjectDisposedException>(() => it.SendKey.ToArray());
        rt.Dispose();
    }
}
