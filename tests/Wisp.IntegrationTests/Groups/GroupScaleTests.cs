using System.Diagnostics;
using Wisp.Client.Groups;
using Wisp.Client.Messaging;
using Wisp.Crypto.Keys;
using Wisp.IntegrationTests.Support;
using Wisp.Protocol.Content;
using Wisp.Protocol.Groups;

namespace Wisp.IntegrationTests.Groups;

/// <summary>
/// A group of 1,000 simulated members (key pairs made in the test, no process each) on the real network: generation 0
/// wrapped for all, one rotation that leaves one member out, and one message written by a member with its subaccount
/// token, stored once; every remaining member unwraps the new key from the stored keys messages and reads the message,
/// the one left out cannot.
/// </summary>
public sealed class GroupScaleTests(GroupNetwork network) : IClassFixture<GroupNetwork>, IAsyncDisposable
{
    private const int Members = 1_000;
    private readonly TestProfiles _accounts = new(network);

    public ValueTask DisposeAsync() => _accounts.DisposeAsync();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_thousand_members_go_through_one_rotation_and_every_remaining_member_reads_the_next_message()
    {
        var clock = Stopwatch.StartNew();
        using var group = Ed25519KeyPair.Generate();
        var members = Enumerable.Range(0, Members).Select(_ => Ed25519KeyPair.Generate()).ToList();
        try
        {
            var swarm = _accounts.Swarm(seed: 41);
            var address = GroupIds.Address(GroupIds.Of(group.PublicKey));
            var admin = new GroupSwarm(swarm, address, group, null, group);
            var ids = members.Select(m => m.AccountId).ToList();

            var first = GroupKeys.Rekey(group, ids, 0);
            Assert.True((await admin.StoreAsync(GroupNamespaces.Keys, first.Message, GroupLimits.ConfigTtl, Token)).Ok);
            var leaver = members[^1];
            var rotated = GroupKeys.Rekey(group, ids[..^1], 1);
            Assert.True((await admin.StoreAsync(GroupNamespaces.Keys, rotated.Message, GroupLimits.ConfigTtl, Token)).Ok);

            // A member writes with its own admin-signed subaccount token: one stored copy for all.
            var author = members[0];
            var writer = new GroupSwarm(swarm, address, null, GroupSubaccount.Make(group, author.AccountId), author);
            var content = MessageContent.Text("one for all", 1, null, null);
            var sealedMessage = GroupMessage.Encrypt(rotated.Key, author, MessageContent.Serialize(content));
            var stored = await writer.StoreAsync(GroupNamespaces.Messages, sealedMessage, GroupLimits.MessageTtl, Token);
            Assert.True(stored.Ok, stored.Error?.Message);

            var keys = await admin.RetrieveAsync(GroupNamespaces.Keys, null, null, Token);
            var messages = await admin.RetrieveAsync(GroupNamespaces.Messages, null, null, Token);
            Assert.True(keys.Ok && messages.Ok);
            Assert.Equal(2, keys.Value!.Messages.Count);
            var message = Assert.Single(messages.Value!.Messages).Data;

            var readers = 0;
            foreach (var member in members)
            {
                var keyring = new GroupKeyring(group.PublicKey);
                foreach (var keysMessage in keys.Value.Messages)
                    Assert.True(keyring.Load(keysMessage.Data, keysMessage.TimestampMs, member).Ok);
                var opened = GroupMessage.Decrypt(keyring.Keys, message);
                if (member == leaver)
                {
                    Assert.Equal(0, keyring.MaxGeneration);
                    Assert.False(opened.Ok);
                    continue;
                }
                Assert.Equal(1, keyring.MaxGeneration);
                Assert.True(opened.Ok, opened.Error);
                Assert.Equal(author.AccountId, opened.Author);
                Assert.Equal("one for all", Content.Parser.ParseFrom(opened.Data).DataMessage.Body);
                readers++;
            }
            Assert.Equal(Members - 1, readers);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"{Members} members: keys message {first.Message.Length} bytes, rotation {rotated.Message.Length} bytes; whole test {clock.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            members.ForEach(m => m.Dispose());
        }
    }
}
