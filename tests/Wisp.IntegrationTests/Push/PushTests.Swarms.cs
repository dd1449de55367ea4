using System.Text;
using Wisp.Client;
using Wisp.Crypto.Keys;
using Wisp.Testing;

namespace Wisp.IntegrationTests.Push;

public sealed partial class PushTests
{
    [Fact]
    public async Task Nodes_added_to_the_network_are_followed_and_a_message_stored_at_one_is_notified()
    {
        await using var receiver = await UnifiedPushReceiver.StartAsync();
        var accounts = new List<(string Name, WispClient Client, Ed25519KeyPair Keys)>();
        foreach (var name in new[] { "gina", "hank", "ivan", "jill", "kate", "liam" })
        {
            var (client, keys) = Account(name);
            var registered = await client.Push.RegisterAsync(receiver.Endpoint(name), null, Token);
            Assert.True(registered.Ok, registered.Error);
            accounts.Add((name, client, keys));
        }

        // Seven more nodes make fourteen: the network splits into two swarms, and some accounts move to new nodes.
        var added = (await network.AddNodesAsync(7)).Select(n => n.Ed25519).ToHashSet(StringComparer.Ordinal);
        var moved = accounts.Where(a => network.SwarmOf(a.Keys).Any(n => added.Contains(n.Ed25519))).ToList();
        Assert.NotEmpty(moved);

        foreach (var (name, client, keys) in moved)
        {
            // Stored at a new node (which takes it once it knows the new swarms), the message is in a swarm the push
            // server did not watch for this account when it registered.
            var node = network.SwarmOf(keys).First(n => added.Contains(n.Ed25519));
            string? hash = null;
            await Eventually.TrueAsync(async () =>
            {
                var answer = await network.Client.StoreAsync(node.Url, keys, Encoding.UTF8.GetBytes($"to {name} on a new node"), Token);
                hash = answer.Hash;
                return answer.Status == 200;
            }, $"{node.Name} stores for {name}", TimeSpan.FromSeconds(90));
            var key = client.Push.EncKeyOf(receiver.Endpoint(name))!;
            await receiver.WaitForAsync(name, p => HashOf(key, p) == hash, $"{name}'s notification from a node added after it registered");
        }
    }
}
