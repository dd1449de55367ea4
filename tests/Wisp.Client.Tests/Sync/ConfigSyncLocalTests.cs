using Wisp.Client.Conversations;
using Wisp.Client.Groups;
using Wisp.Client.LocalData;
using Wisp.Client.Sync;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Groups;
using Wisp.Protocol.UserConfig;

namespace Wisp.Client.Tests.Sync;

/// <summary>
/// The local half of config sync between two devices of one account (their own databases), the swarm replaced by
/// handing each device's pushed messages to the other: changes travel, nothing echoes, and what Wisp's stores cannot
/// hold is not undone.
/// </summary>
public sealed class ConfigSyncLocalTests : IDisposable
{
    private const long Now = 1_800_000_000_000;
    private readonly Ed25519KeyPair _account = Ed25519KeyPair.Generate();
    private readonly Device _a;
    private readonly Device _b;
    private readonly AccountId _carol = Ed25519KeyPair.Generate().AccountId;
    private int _hashes;

    public ConfigSyncLocalTests()
    {
        _a = new Device(_account);
        _b = new Device(_account);
    }

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
        _account.Dispose();
    }

    [Fact]
    public void A_contact_added_and_blocked_on_one_device_arrives_on_the_other_and_nothing_echoes()
    {
        Assert.True(_a.Data.Contacts.TrySetContact(_carol, "carol", Now, out _));
        _a.Data.Conversations.SetState(_carol, ConversationState.Blocked, Now);
        var fromA = Sync(_a, []);
        Assert.Contains(fromA, m => m.Key == (int)UserConfigKind.Contacts);

        var applied = 0;
        _b.Sync.Applied += () => applied++;
        var fromB = Sync(_b, fromA);
        Assert.Equal(1, applied);
        Assert.Equal("carol", _b.Data.Contacts.NicknameOf(_carol));
        Assert.Equal(ConversationState.Blocked, _b.Data.Conversations.Find(_carol)!.State);
        Assert.Empty(fromB); // taking A's configs as they are needs no push of B's own

        Assert.Empty(Sync(_b, []));
        Assert.Empty(Sync(_a, []));
        Assert.Equal(1, applied);
    }

    [Fact]
    public void A_nickname_longer_than_wisp_allows_is_kept_in_the_config_while_other_fields_change()
    {
        // Another Session client names Carol with 40 characters; Wisp's stores hold at most 32.
        var longName = new string('n', 40);
        var session = new ContactsConfig(_account);
        session.Set(new ContactInfo(_carol.Hex) { Name = "Carol", Nickname = longName, Approved = true });
        var push = session.Push();
        Sync(_b, [new KeyValuePair<int, ConfigIncoming>(3, new ConfigIncoming("h-session", push.Data))]);
        Assert.Null(_b.Data.Contacts.NicknameOf(_carol));
        Assert.Equal(ConversationState.Accepted, _b.Data.Conversations.Find(_carol)!.State);

        _b.Data.Conversations.SetState(_carol, ConversationState.Blocked, Now);
        var fromB = Sync(_b, []);
        var reader = new ContactsConfig(_account);
        reader.Merge([fromB.Single(m => m.Key == 3).Value]);
        var carol = reader.Get(_carol.Hex)!;
        Assert.Equal(longName, carol.Nickname);
        Assert.True(carol.Blocked);
        Assert.Equal("Carol", carol.Name);
    }

    [Fact]
    public void Read_marks_and_the_display_name_travel()
    {
        Assert.True(_a.Data.Names.TrySet(_account.AccountId, "Alice", Now, out _));
        foreach (var device in new[] { _a, _b })
            device.Data.Messages.AddIncoming(device == _a ? "in-a" : "in-b", _carol, MessageKind.Text, "hi", Now - 1000, Now, null, Now + 86_400_000, null);
        _a.Data.Messages.MarkRead(_carol, Now);
        var fromA = Sync(_a, []);
        Sync(_b, fromA);
        Assert.Equal("Alice", _b.Data.Names.Get(_account.AccountId));
        Assert.Equal(0, _b.Data.Messages.Unread(_b.Data.Conversations.Find(_carol)!.Id));
    }

    [Fact]
    public void A_group_joined_on_one_device_appears_on_the_other_and_leaving_travels_back()
    {
        using var groupKey = Ed25519KeyPair.Generate();
        var groupId = "03" + groupKey.PublicKey.ToHex();
        new GroupStore(_a.Data.Local).Upsert(groupId, "Lunch", GroupRole.Admin, groupKey.Seed, [], null, Now);
        Sync(_b, Sync(_a, []));
        var atB = new GroupStore(_b.Data.Local);
        Assert.Equal(("Lunch", GroupRole.Admin), (atB.Find(groupId)!.Name, atB.Find(groupId)!.Role));
        Assert.Equal(groupKey.Seed.ToArray(), atB.AdminSeed(groupId));

        atB.SetRole(groupId, GroupRole.Left, Now);
        Sync(_a, Sync(_b, []));
        Assert.Equal(GroupRole.Left, new GroupStore(_a.Data.Local).Find(groupId)!.Role);
    }

    // One sync's local half on a device, then its pushes confirmed under made-up storage hashes.
    private List<KeyValuePair<int, ConfigIncoming>> Sync(Device device, IEnumerable<KeyValuePair<int, ConfigIncoming>> incoming)
    {
        var byNamespace = UserConfigKinds.All.ToDictionary(k => (int)k, _ => new List<ConfigIncoming>());
        foreach (var (ns, message) in incoming)
            byNamespace[ns].Add(message);
        var configs = device.Sync.Merge(Now, byNamespace);
        var pushed = new List<KeyValuePair<int, ConfigIncoming>>();
        foreach (var config in configs.All.Where(c => c.NeedsPush))
        {
            var push = config.Push();
            var hash = $"h{++_hashes}";
            config.ConfirmPushed(push.Seqno, hash);
            device.Store.SetDump(config.Namespace, config.Dump(), Now);
            pushed.Add(new(config.Namespace, new ConfigIncoming(hash, push.Data)));
        }
        return pushed;
    }

    private sealed class Device : IDisposable
    {
        private readonly string _directory = Directory.CreateTempSubdirectory("wisp-sync-").FullName;
        private readonly ClientDatabase _database;
        private readonly DataKey _key = DataKey.Generate();

        public Device(Ed25519KeyPair account)
        {
            _database = ClientDatabase.Open(Path.Combine(_directory, "client.db"));
            Data = new AccountData(_database, _key);
            Store = new UserConfigStore(Data.Local);
            Sync = new ConfigSync(Data, account, () => null);
        }

        public AccountData Data { get; }

        public UserConfigStore Store { get; }

        public ConfigSync Sync { get; }

        public void Dispose()
        {
            _database.Dispose();
            _key.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
