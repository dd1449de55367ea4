using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Wisp.Crypto.Keys;
using Wisp.Node.NodeLinks;
using Wisp.Node.Swarm;
using Wisp.Node.Tests.Swarm.Support;
using Wisp.Testing;

namespace Wisp.Node.Tests.Swarm;

/// <summary>Peers that are down or never answer: their requests are reported failed, and nothing waits without bound.</summary>
public sealed class ForwardFailureTests
{
    [Fact]
    public async Task A_peer_that_is_down_is_reported_failed_for_each_request_and_the_others_still_store()
    {
        await using var network = await SwarmNetwork.StartAsync(5);
        Assert.Equal(5, Assert.Single(network.Swarms.Swarms).Members.Count);
        var down = network.Nodes[4];
        var downHex = SwarmNetwork.KeyOf(down).ToHex();
        await network.StopAsync(down);
        var accounts = Enumerable.Range(0, 12).Select(_ => Ed25519KeyPair.Generate()).ToArray();
        try
        {
            var answers = await Task.WhenAll(accounts.Select((account, i) =>
                SwarmNetwork.StoreAsync(network.Nodes[0], account, Encoding.UTF8.GetBytes($"while one is down {i}"))));

            for (var i = 0; i < accounts.Length; i++)
            {
                var (status, body) = answers[i];
                Assert.Equal(200, status);
                var swarm = body["swarm"]!.AsObject();
                Assert.Equal(5, swarm.Count);
                Assert.True(swarm[downHex]!["failed"]!.GetValue<bool>(), $"store {i}: the stopped member is reported failed");
                var hash = body["hash"]!.GetValue<string>();
                foreach (var node in network.Nodes)
                {
                    Assert.Equal(hash, swarm[SwarmNetwork.KeyOf(node).ToHex()]!["hash"]!.GetValue<string>());
                    Assert.True(await SwarmNetwork.HoldsAsync(node, accounts[i], 0, hash));
                }
            }
        }
        finally
        {
            foreach (var account in accounts)
                account.Dispose();
        }
    }

    [Fact]
    public async Task When_a_peers_queue_is_full_a_caller_reports_it_timed_out_and_stopping_fails_every_waiting_request()
    {
        await using var silent = SilentPeer.Start();
        using var keys = Ed25519KeyPair.Generate();
        // Timers that never fire: the batch sent to the silent peer stays in flight for as long as the test needs.
        using var client = new PeerClient(keys, new NeverFiringTime());
        var queue = new PeerForwardQueue(silent.Record, client, NullLogger.Instance);
        var request = """{"method":"store","params":{}}"""u8.ToArray();
        using var never = new CancellationTokenSource();

        // A few batches (each at most the request cap) can be in flight; the rest fill the queue to its bound and beyond.
        var inFlight = ReplicationLimits.MaxForwardBatchesInFlightPerPeer * ReplicationLimits.MaxForwardBatchRequests;
        var waiting = Enumerable.Range(0, 1 + inFlight + ReplicationLimits.MaxQueuedForwardsPerPeer)
            .Select(_ => queue.ForwardAsync(silent.Record, request, never.Token))
            .ToList();
        using var expired = new CancellationTokenSource();
        await expired.CancelAsync();
        var late = await queue.ForwardAsync(silent.Record, request, expired.Token);

        Assert.True(late.Failure?.Timeout, "no room in the queue within the caller's time is a timeout");
        Assert.DoesNotContain(waiting, task => task.IsCompleted);

        await queue.DisposeAsync();
        var results = await Task.WhenAll(waiting);
        // Requests the stopping node never sent get no answer: Session's timeout entry.
        Assert.All(results, result => Assert.True(result.Failure?.Timeout));
    }
}
