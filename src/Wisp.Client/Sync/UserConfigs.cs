using Wisp.Crypto.Keys;
using Wisp.Protocol.Groups;
using Wisp.Protocol.UserConfig;

namespace Wisp.Client.Sync;

/// <summary>The account's four user configs, loaded from their dumps (a damaged dump starts that config afresh).</summary>
internal sealed class UserConfigs
{
    public UserConfigs(UserConfigStore store, Ed25519KeyPair account)
    {
        Profile = Load(store, UserConfigKind.UserProfile, d => new UserProfileConfig(account, d));
        Contacts = Load(store, UserConfigKind.Contacts, d => new ContactsConfig(account, d));
        Convos = Load(store, UserConfigKind.ConvoInfoVolatile, d => new ConvoInfoVolatileConfig(account, d));
        Groups = Load(store, UserConfigKind.UserGroups, d => new UserGroupsConfig(account, d));
    }

    public UserProfileConfig Profile { get; }

    public ContactsConfig Contacts { get; }

    public ConvoInfoVolatileConfig Convos { get; }

    public UserGroupsConfig Groups { get; }

    public IEnumerable<UserConfigBase> All => [Profile, Contacts, Convos, Groups];

    public UserConfigBase this[int ns] => All.Single(c => c.Namespace == ns);

    /// <summary>Keeps every config that changed since it was last kept.</summary>
    public void Save(UserConfigStore store, long nowMs)
    {
        foreach (var config in All)
        {
            if (config.NeedsDump)
                store.SetDump(config.Namespace, config.Dump(), nowMs);
        }
    }

    private static T Load<T>(UserConfigStore store, UserConfigKind kind, Func<byte[]?, T> create)
        where T : ConfigBase
    {
        var dump = store.Dump((int)kind);
        try
        {
            return create(dump);
        }
        catch (ArgumentException)
        {
            // The swarm still holds the config: the next sync merges it back.
            return create(null);
        }
    }
}
