using Wisp.Crypto;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Noise;
using Wisp.Direct.Secure;

namespace Wisp.Direct.Tests.Secure;

public class SecretStreamTests
{
    private static CancellationToken Timeout() => TestTimeout.Start().Token;

    private static (NoiseTransport Client, NoiseTransport Server) IkKeys()
    {
        using var client = X25519KeyPair.Generate();
        using var server = X25519KeyPair.Generate();
        using var i = new NoiseHandshake(NoisePattern.IK, true, client, server.PublicKey, NoiseProtocol.DirectPrologue);
        using var r = new NoiseHandshake(NoisePattern.IK, false, server, null, NoiseProtocol.DirectPrologue);
        Assert.True(r.TryReadMessage(i.WriteMessage([]), out _));
        Assert.True(i.TryReadMessage(r.WriteMessage([]), out _));
        return (i.Split(), r.Split());
    }

    private static async Task<(SecretStream A, SecretStream B)> StartAsync(DuplexPipe pipe, SecretStreamOptions? options = null)
    {
        var (client, server) = IkKeys();
        using (client)
        using (server)
        {
            var a = SecretStream.StartAsync(pipe.A, client, options, ct: Timeout());
            var b = SecretStream.StartAsync(pipe.B, server, options, ct: Timeout());
            return (await a, await b);
        }
    }

    /// <summary>Starts over an intercepted pipe, forwarding A's header to B unchanged.</summary>
    private static async Task<(SecretStream A, SecretStream B)> StartInterceptedAsync(DuplexPipe pipe, SecretStreamOptions? options = null)
    {
        var started = StartAsync(pipe, options);
        await pipe.GiveToBAsync(await pipe.TakeFromAAsync(Timeout()), Timeout());
        return await started;
    }

    [Fact]
    public async Task MessagesFlowBothWaysAfterAnIkHandshake()
    {
        using var pipe = DuplexPipe.Direct();
        var (a, b) = await StartAsync(pipe);
        await using (a)
        await using (b)
        {
            Assert.True(a.IsInitiator);
            Assert.False(b.IsInitiator);
            Assert.Equal(a.HandshakeHash.ToArray(), b.HandshakeHash.ToArray());
            var big = RandomBytes.Get(Limits.DefaultMaxMessageBytes);
            var sending = Task.Run(async () =>
            {
                await a.SendAsync("one"u8.ToArray(), Timeout());
                await a.SendAsync(big, Timeout());
            }, Timeout());
            Assert.Equal("one"u8.ToArray(), await b.ReceiveAsync(Timeout()));
            Assert.Equal(big, await b.ReceiveAsync(Timeout()));
            await sending;
            await b.SendAsync("back"u8.ToArray(), Timeout());
            Assert.Equal("back"u8.ToArray(), await a.ReceiveAsync(Timeout()));
        }
    }

    [Fact]
    public async Task XxOverTheStreamLearnsTheRemoteKeyAndCarriesMessages()
    {
        using var pipe = DuplexPipe.Direct();
        using var alice = X25519KeyPair.Generate();
        using var bob = X25519KeyPair.Generate();
        var a = SecretStream.HandshakeXXAsync(pipe.A, true, alice, ct: Timeout());
        var b = SecretStream.HandshakeXXAsync(pipe.B, false, bob, ct: Timeout());
        await using var sa = await a;
        await using var sb = await b;
        Assert.Equal(bob.PublicKey, sa.RemoteStatic);
        Assert.Equal(alice.PublicKey, sb.RemoteStatic);
        await sa.SendAsync("hello"u8.ToArray(), Timeout());
        Assert.Equal("hello"u8.ToArray(), await sb.ReceiveAsync(Timeout()));
    }

    [Fact]
    public async Task KeepAlivesAreSkippedAndCloseEndsTheReceiver()
    {
        using var pipe = DuplexPipe.Direct();
        var (a, b) = await StartAsync(pipe);
        await using (a)
        await using (b)
        {
            await a.SendKeepAliveAsync(Timeout());
            await a.SendAsync("after"u8.ToArray(), Timeout());
            await a.SendKeepAliveAsync(Timeout());
            await a.CloseAsync(Timeout());
            Assert.Equal("after"u8.ToArray(), await b.ReceiveAsync(Timeout()));
            Assert.Null(await b.ReceiveAsync(Timeout()));
            Assert.Null(await b.ReceiveAsync(Timeout()));
            await Assert.ThrowsAsync<InvalidOperationException>(async () => await a.SendAsync("late"u8.ToArray(), Timeout()));
            await Assert.ThrowsAsync<ArgumentException>(async () => await a.SendAsync(Array.Empty<byte>(), Timeout()));
        }
    }

    [Fact]
    public async Task TheTransportEndingWithoutACloseIsTruncation()
    {
        using var pipe = DuplexPipe.Direct();
        var (a, b) = await StartAsync(pipe);
        await using (a)
        await using (b)
        {
            await a.SendAsync("x"u8.ToArray(), Timeout());
            pipe.A.CompleteWriting();
            Assert.Equal("x"u8.ToArray(), await b.ReceiveAsync(Timeout()));
            var e = await Assert.ThrowsAsync<SecretStreamException>(async () => await b.ReceiveAsync(Timeout()));
            Assert.Equal(SecretStreamError.Truncated, e.Error);
        }
    }

    [Theory]
    [InlineData("changed")]
    [InlineData("replayed")]
    [InlineData("reordered")]
    [InlineData("dropped")]
    [InlineData("short")]
    public async Task AFrameThatWasChangedReplayedReorderedOrDroppedEndsTheStream(string attack)
    {
        using var pipe = DuplexPipe.Intercepted();
        var (a, b) = await StartInterceptedAsync(pipe);
        await using (a)
        await using (b)
        {
            await a.SendAsync("first"u8.ToArray(), Timeout());
            await a.SendAsync("second"u8.ToArray(), Timeout());
            var first = await pipe.TakeFromAAsync(Timeout());
            var second = await pipe.TakeFromAAsync(Timeout());
            byte[][] delivered = attack switch
            {
                "changed" => [first, Flip(second, 10)],
                "replayed" => [first, first],
                "reordered" => [second, first],
                "dropped" => [second],
                _ => [first, [3, 0, 0, 1, 2, 3]],
            };
            foreach (var frame in delivered)
                await pipe.GiveToBAsync(frame, Timeout());
            if (attack is "changed" or "replayed" or "short")
                Assert.Equal("first"u8.ToArray(), await b.ReceiveAsync(Timeout()));
            var e = await Assert.ThrowsAsync<SecretStreamException>(async () => await b.ReceiveAsync(Timeout()));
            Assert.Equal(SecretStreamError.Forged, e.Error);
            // The stream stays dead even when the genuine frame comes next.
            await pipe.GiveToBAsync(second, Timeout());
            await Assert.ThrowsAsync<SecretStreamException>(async () => await b.ReceiveAsync(Timeout()));
        }
    }

    [Fact]
    public async Task AHeaderForAnotherSessionOrRoleIsRefused()
    {
        using var pipe = DuplexPipe.Intercepted();
        var started = StartAsync(pipe);
        var header = await pipe.TakeFromAAsync(Timeout());
        Assert.Equal(3 + Limits.HeaderMessageBytes, header.Length);
        await pipe.GiveToBAsync(Flip(header, 3), Timeout()); // first byte of the stream id
        var e = await Assert.ThrowsAsync<SecretStreamException>(() => started);
        Assert.Equal(SecretStreamError.BadHeader, e.Error);
    }

    [Fact]
    public async Task KeysFromAnotherHandshakeDoNotStartAStream()
    {
        using var pipe = DuplexPipe.Direct();
        var (client, _) = IkKeys();
        var (_, otherServer) = IkKeys();
        var a = SecretStream.StartAsync(pipe.A, client, ct: Timeout());
        var b = SecretStream.StartAsync(pipe.B, otherServer, ct: Timeout());
        Assert.Equal(SecretStreamError.BadHeader, (await Assert.ThrowsAsync<SecretStreamException>(() => a)).Error);
        Assert.Equal(SecretStreamError.BadHeader, (await Assert.ThrowsAsync<SecretStreamException>(() => b)).Error);
    }

    [Fact]
    public async Task FrameSizesAreBoundedOnBothSides()
    {
        var options = new SecretStreamOptions { MaxMessageBytes = 1000 };
        using var pipe = DuplexPipe.Intercepted();
        var (a, b) = await StartInterceptedAsync(pipe, options);
        await using (a)
        await using (b)
        {
            await Assert.ThrowsAsync<ArgumentException>(async () => await a.SendAsync(new byte[1001], Timeout()));
            await a.SendAsync(new byte[1000], Timeout());
            await pipe.GiveToBAsync(await pipe.TakeFromAAsync(Timeout()), Timeout());
            Assert.Equal(1000, (await b.ReceiveAsync(Timeout()))!.Length);

            // A peer declaring a frame one byte over the limit is refused from the length alone (no body follows).
            var over = 1000 + Limits.FrameOverheadBytes + 1;
            await pipe.GiveToBAsync([(byte)over, (byte)(over >> 8), (byte)(over >> 16)], Timeout());
            var e = await Assert.ThrowsAsync<SecretStreamException>(async () => await b.ReceiveAsync(Timeout()));
            Assert.Equal(SecretStreamError.TooLarge, e.Error);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => new SecretStreamOptions { MaxMessageBytes = Limits.MaxMessageBytes + 1 }.Validate());
    }

    [Fact]
    public async Task ATamperedXxHandshakeFails()
    {
        using var pipe = DuplexPipe.Intercepted();
        using var alice = X25519KeyPair.Generate();
        using var bob = X25519KeyPair.Generate();
        var a = SecretStream.HandshakeXXAsync(pipe.A, true, alice, ct: Timeout());
        var b = SecretStream.HandshakeXXAsync(pipe.B, false, bob, ct: Timeout());
        await pipe.GiveToBAsync(await pipe.TakeFromAAsync(Timeout()), Timeout()); // -> e
        var third = await pipe.TakeFromAAsync(Timeout());                         // -> s, se (A's side is done)
        await pipe.GiveToBAsync(Flip(third, 20), Timeout());
        var e = await Assert.ThrowsAsync<SecretStreamException>(() => b);
        Assert.Equal(SecretStreamError.HandshakeFailed, e.Error);
        pipe.EndToB();
        pipe.B.CompleteWriting();
        await Assert.ThrowsAsync<SecretStreamException>(() => a); // its header goes unanswered
    }

    private static byte[] Flip(byte[] frame, int index)
    {
        var copy = (byte[])frame.Clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
