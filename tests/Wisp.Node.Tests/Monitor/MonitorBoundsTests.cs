using System.Net.WebSockets;
using Wisp.Crypto.Keys;
using Wisp.Node.Monitor;
using Wisp.Node.Tests.Monitor.Support;
using Wisp.Protocol.Monitor;

namespace Wisp.Node.Tests.Monitor;

public sealed class MonitorBoundsTests
{
    [Fact]
    public async Task A_subscriber_that_stops_reading_is_closed_as_too_slow_once_its_queue_is_full()
    {
        const long queueBound = 256 * 1024;
        await using var node = await MonitorTestNode.StartAsync(MonitorBounds.Default with { MaxQueuedBytes = queueBound, CloseGrace = TimeSpan.FromMinutes(2) });
        using var alice = Ed25519KeyPair.Generate();
        // A modest socket buffer, so that the kernel does not absorb megabytes before the node's queue fills.
        await using var subscriber = await node.SubscriberAsync(receiveBufferBytes: 128 * 1024);
        await subscriber.SubscribeAsync([node.Subscription(alice, wantData: true)]);

        // A long close grace: on a loaded machine the subscriber may take a while to read what is already on the wire.
        // The subscriber reads nothing until the node drops it: the socket buffers
        // and the queue fill, and nothing more is held for it.
        var stored = 0;
        while (stored < 600 && node.Hub.Connections.DroppedTooSlow == 0)
        {
            var data = new byte[60_000];
            BitConverter.TryWriteBytes(data, stored); // the clock stands still: distinct data, distinct messages
            await node.StoreAsync(alice, data);
            stored++;
        }
        Assert.True(node.Hub.Connections.DroppedTooSlow == 1, $"dropped after {stored} stores ({node.Hub.Notified} notifications queued)");
        var (received, status, reason) = await subscriber.ReadUntilClosedAsync();

        Assert.Equal(WebSocketCloseStatus.PolicyViolation, status);
        Assert.Equal(MonitorConnection.TooSlow, reason);
        Assert.True(received < stored, $"received {received} of {stored}: the rest was dropped, not held");
    }

    [Fact]
    public async Task Subscriptions_past_the_connections_limit_are_refused_with_code_9()
    {
        await using var node = await MonitorTestNode.StartAsync(MonitorBounds.Default with { MaxSubscriptionsPerConnection = 2 });
        using var a = Ed25519KeyPair.Generate();
        using var b = Ed25519KeyPair.Generate();
        using var c = Ed25519KeyPair.Generate();
        await using var subscriber = await node.SubscriberAsync();

        var replies = await subscriber.SubscribeAsync([node.Subscription(a), node.Subscription(b), node.Subscription(c), node.Subscription(a, false, 1)]);

        Assert.Equal([null, null, MonitorResponseCode.TooManySubscriptions, null], replies.Select(r => r.Code));
        Assert.Equal(2, node.Hub.Table.Count);
    }

    [Fact]
    public async Task Connections_past_the_per_address_limit_are_refused_before_the_upgrade()
    {
        await using var node = await MonitorTestNode.StartAsync(MonitorBounds.Default with { MaxConnectionsPerAddress = 2 });
        await using var first = await node.SubscriberAsync();
        await using var second = await node.SubscriberAsync();

        var refused = await Assert.ThrowsAsync<WebSocketException>(() => MonitorSubscriber.OpenAsync(node.Node));

        Assert.Contains("429", refused.Message, StringComparison.Ordinal);
    }
}
