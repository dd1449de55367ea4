using System.Text;
using Microsoft.Extensions.Logging;
using Wisp.Crypto.Keys;
using Wisp.Crypto.Onion;
using Wisp.Node.Onion;
using Wisp.Node.Tests.Onion.Support;
using Wisp.Node.Tests.Rpc.Support;
using Wisp.Testing;
using Wisp.Protocol.Onion;

namespace Wisp.Node.Tests.Onion;

/// <summary>
/// Each hop learns only its neighbours. The client connects from 127.0.0.9 and every node's own calls come from
/// 127.0.0.1, so on loopback "who saw the client's address" is still a question with an answer. What each relay was
/// handed and what it decrypted is recorded by its observer; what it logged, at every level, by a log capture.
/// </summary>
public sealed class HopKnowledgeTests : IAsyncLifetime
{
    private OnionNetwork _network = null!;

    public async ValueTask InitializeAsync() => _network = await OnionNetwork.StartAsync(4);

    public async ValueTask DisposeAsync() => await _network.DisposeAsync();

    [Theory]
    [InlineData(OnionEncryptionType.XChaCha20)]
    [InlineData(OnionEncryptionType.AesGcm)]
    public async Task Each_hop_learns_only_its_neighbours(OnionEncryptionType encryption)
    {
        using var account = Ed25519KeyPair.Generate();
        var secret = "a message only the destination may see " + Guid.NewGuid();
        var rpc = Encoding.UTF8.GetBytes(
            $$"""{"method":"store","params":{{SignedRequests.Store(account, 0, Encoding.UTF8.GetBytes(secret), Messages.NowMs(), 60_000, signed: false).ToJsonString()}}}""");
        using var request = OnionRequestBuilder.Build(_network.Path(0, 1, 2, 3), OnionRequestBuilder.ForDestination(rpc), [encryption]);

        var (status, body) = await _network.SendAsync(0, request.Body);
        Assert.Equal(200, status);
        Assert.NotEmpty(OnionRequestBuilder.OpenBase64(request.LastKey, body));

        var client = OnionNetwork.ClientAddress.ToString();
        var destinationKey = _network.Target(3).Ed25519.ToHex();
        var accountHex = account.AccountId.Hex;
        var guard = Assert.Single(_network.Observers[0].Seen);
        var hop2 = Assert.Single(_network.Observers[1].Seen);
        var hop3 = Assert.Single(_network.Observers[2].Seen);
        var destination = Assert.Single(_network.Observers[3].Seen);

        // The guard saw the client's address, and learned only the next hop: not the destination, not the request.
        Assert.Equal(client, guard.PreviousHop);
        Assert.Equal(_network.Target(1).Ed25519, Assert.IsType<RelayToNodeInstruction>(guard.Instruction).Destination);
        AssertNotIn(guard.Plaintext, destinationKey, accountHex, "store", Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)));
        Assert.Null(guard.StorageCaller);

        // The middle hops saw a node before them and a node after them.
        Assert.NotEqual(client, hop2.PreviousHop);
        Assert.Equal(_network.Target(2).Ed25519, Assert.IsType<RelayToNodeInstruction>(hop2.Instruction).Destination);
        AssertNotIn(hop2.Plaintext, destinationKey, accountHex, "store");
        Assert.NotEqual(client, hop3.PreviousHop);
        Assert.Equal(_network.Target(3).Ed25519, Assert.IsType<RelayToNodeInstruction>(hop3.Instruction).Destination);
        AssertNotIn(hop3.Plaintext, accountHex, "store");

        // The destination saw the request, and as its caller only the hop before it, never the client.
        Assert.IsType<DestinationInstruction>(destination.Instruction);
        Assert.Equal(rpc, destination.StorageRequest);
        Assert.NotNull(destination.StorageCaller);
        Assert.Equal("127.0.0.1", destination.StorageCaller!.RemoteAddress);
        Assert.Equal(destination.PreviousHop, destination.StorageCaller.RemoteAddress);
        Assert.Equal(3, destination.HopNumber);

        // The logs agree: the client's address only in the guard's log and only at Debug; request contents and the
        // destination's key in no log above Debug (and the request contents in none at all).
        foreach (var (log, index) in _network.Logs.Select((log, index) => (log, index)))
        {
            var lines = log.Lines;
            Assert.DoesNotContain(lines, line => line.Level > LogLevel.Debug && line.Message.Contains(client, StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.Level > LogLevel.Debug && line.Message.Contains(destinationKey, StringComparison.Ordinal));
            Assert.DoesNotContain(lines, line => line.Message.Contains(accountHex, StringComparison.Ordinal));
            if (index != 0)
                Assert.DoesNotContain(lines, line => line.Message.Contains(client, StringComparison.Ordinal));
        }
        Assert.Contains(_network.Logs[0].Lines, line => line.Level == LogLevel.Debug && line.Message.Contains(client, StringComparison.Ordinal));
        Assert.DoesNotContain(_network.Logs[0].Lines, line => line.Message.Contains(destinationKey, StringComparison.Ordinal));
    }

    private static void AssertNotIn(byte[] plaintext, params string[] texts)
    {
        Assert.NotEmpty(plaintext);
        foreach (var text in texts)
        {
            Assert.True(plaintext.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) < 0, $"the hop decrypted \"{text}\"");
        }
    }
}
