using Wisp.Client.Conversations;
using Wisp.Client.Messaging;
using Wisp.Client.Swarm;
using Wisp.Crypto.Keys;
using Wisp.Protocol.Groups;
using Wisp.Protocol.Storage;

namespace Wisp.Client.Groups;

/// <summary>What every group operation needs: the account, its stores, the network, the 1:1 sender, and how people are named.</summary>
internal sealed class GroupContext(AccountData data, Ed25519KeyPair me, Func<SwarmClient?> network, Sender sender, Func<string?> displayName)
{
    /// <summary>The groups' rows.</summary>
    public GroupStore Groups { get; } = new(data.Local);

    /// <summary>The group conversations and messages.</summary>
    public GroupMessageStore Messages { get; } = new(data.Local);

    /// <summary>The files messages carry (group messages' pointers live beside 1:1 ones, keyed by message id).</summary>
    public AttachmentStore Attachments => data.Attachments;

    /// <summary>The account's key pair.</summary>
    public Ed25519KeyPair Me => me;

    /// <summary>The 1:1 sender (invites, promotions).</summary>
    public Sender Sender => sender;

    /// <summary>This account's display name, sent with its messages.</summary>
    public string? DisplayName => displayName();

    /// <summary>
    /// Takes the group's turn: one poll or one operation at a time per group, so a poll that merges the stored configs
    /// cannot write an older name or member list over a change an operation is making (a lost update).
    /// </summary>
    public async Task<IDisposable> TurnAsync(string groupId, CancellationToken cancellationToken)
    {
        SemaphoreSlim gate;
        lock (_turns)
        {
            if (!_turns.TryGetValue(groupId, out gate!))
                _turns[groupId] = gate = new SemaphoreSlim(1, 1);
        }
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(gate);
    }

    private readonly Dictionary<string, SemaphoreSlim> _turns = [];

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }

    /// <summary>Groups whose member list changed while polling (a join, a leave): an admin publishes it after the poll.</summary>
    public HashSet<string> MembersChanged { get; } = [];

    /// <summary>Members seen leaving while polling, per group (guarded by <see cref="MembersChanged"/>): an admin locks them out after the poll.</summary>
    public Dictionary<string, HashSet<AccountId>> Leavers { get; } = [];

    /// <summary>Raised for every group message stored (incoming, outgoing, system lines).</summary>
    public event Action<GroupMessageView>? MessageAdded;

    /// <summary>The network's time, Unix ms.</summary>
    public long NowMs() => sender.NowMs();

    /// <summary>Tells listeners about a stored message.</summary>
    public void Added(GroupMessageView message) => MessageAdded?.Invoke(message);

    /// <summary>A person as this account shows them: "you", their nickname, their display name, or a short Account ID.</summary>
    public string NameOf(AccountId account) =>
        account == me.AccountId ? "you"
        : data.Contacts.NicknameOf(account) ?? data.Names.Get(account) ?? account.Hex[..10] + "…" + account.Hex[^4..];

    /// <summary>Keeps the display name a member sent with a message (shown where no nickname is set); an unusable one is ignored.</summary>
    public void KeepName(AccountId member, string name) => data.Names.TrySet(member, name, NowMs(), out _);

    /// <summary>The group's key pair, for an admin; null otherwise.</summary>
    public Ed25519KeyPair? AdminKey(string groupId) => Groups.AdminSeed(groupId) is { } seed ? Ed25519KeyPair.FromSeed(seed) : null;

    /// <summary>The keys this account holds for the group, as a keyring.</summary>
    public GroupKeyring Keyring(string groupId)
    {
        var keyring = new GroupKeyring(GroupIds.PublicKey(groupId));
        foreach (var (generation, key, timestamp) in Groups.Keys(groupId))
            keyring.Add(new GroupKey(generation, key, timestamp));
        return keyring;
    }

    /// <summary>The group's swarm as this account reaches it, or null with why (offline, or no way to sign).</summary>
    public GroupSwarm? Swarm(string groupId, out string? error)
    {
        if (network() is not { } client)
        {
            error = "not connected to a network";
            return null;
        }
        var admin = AdminKey(groupId);
        var auth = admin is null ? Groups.MemberAuth(groupId) : null;
        if (admin is null && auth is null)
        {
            error = "this account holds neither the group's key nor a member token for it";
            return null;
        }
        error = null;
        return new GroupSwarm(client, GroupIds.Address(groupId), admin, auth, me);
    }

    /// <summary>Stores a system line (a join, a removal …) in the group's conversation, sent by <paramref name="actor"/>.</summary>
    public void SystemLine(string groupId, string serverHashOrNull, AccountId actor, string text, long sentAtMs)
    {
        var now = NowMs();
        var message = actor == me.AccountId && serverHashOrNull.Length == 0
            ? Messages.AddOutgoing(groupId, me.AccountId, GroupMessageKind.Update, text, sentAtMs, "sent")
            : Messages.AddIncoming(groupId, serverHashOrNull.Length == 0 ? "local:" + Guid.NewGuid().ToString("N") : serverHashOrNull,
                actor, GroupMessageKind.Update, text, sentAtMs, now, 0);
        if (message is not null)
            Added(message);
    }
}

/// <summary>Group IDs: 03 + the group's Ed25519 public key in hex.</summary>
public static class GroupIds
{
    /// <summary>The ID of the group with public key <paramref name="key"/>.</summary>
    public static string Of(Ed25519PublicKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return "03" + key.ToHex();
    }

    /// <summary>True when <paramref name="text"/> is 03 followed by 64 hex characters.</summary>
    public static bool IsGroupId(string? text) =>
        text is { Length: 66 } && text.StartsWith("03", StringComparison.Ordinal) && text.All(char.IsAsciiHexDigit);

    internal static Ed25519PublicKey PublicKey(string groupId) => Ed25519PublicKey.FromHex(groupId[2..]);

    internal static StoragePubkey Address(string groupId) => StoragePubkey.FromBytes(Convert.FromHexString(groupId));
}
