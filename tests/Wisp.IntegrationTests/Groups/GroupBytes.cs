using Wisp.Client;
using Wisp.Client.Groups;
using Wisp.Client.Swarm;
using Wisp.Protocol.Groups;

namespace Wisp.IntegrationTests.Groups;

/// <summary>What the tests read below the SDK: a group's stored bytes, and the keys an account's database holds.</summary>
internal static class GroupBytes
{
    /// <summary>The newest message in the group's namespace 11, as stored (read with the admin's key).</summary>
    public static async Task<byte[]> LatestMessageAsync(SwarmClient swarm, WispClient admin, string groupId, CancellationToken token)
    {
        var context = new GroupStore(admin.Data.Local);
        using var group = Crypto.Keys.Ed25519KeyPair.FromSeed(context.AdminSeed(groupId)!);
        var reader = new GroupSwarm(swarm, GroupIds.Address(groupId), group, null, group);
        var retrieved = await reader.RetrieveAsync(GroupNamespaces.Messages, null, null, token);
        Assert.True(retrieved.Ok, retrieved.Error?.Message);
        return retrieved.Value!.Messages[^1].Data;
    }

    /// <summary>The group's swarm as its admin reaches it.</summary>
    public static GroupSwarm AdminSwarm(SwarmClient swarm, WispClient admin, string groupId)
    {
        var group = Crypto.Keys.Ed25519KeyPair.FromSeed(new GroupStore(admin.Data.Local).AdminSeed(groupId)!);
        return new GroupSwarm(swarm, GroupIds.Address(groupId), group, null, group);
    }

    /// <summary>Every key generation <paramref name="client"/>'s database holds for the group.</summary>
    public static IReadOnlyList<GroupKey> KeysOf(WispClient client, string groupId) =>
        [.. new GroupStore(client.Data.Local).Keys(groupId).Select(k => new GroupKey(k.Generation, k.Key, k.TimestampMs))];
}
