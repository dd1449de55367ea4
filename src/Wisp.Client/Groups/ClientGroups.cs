using Wisp.Crypto.Keys;
using Wisp.Protocol.Content;

namespace Wisp.Client.Groups;

/// <summary>
/// Closed groups (Session's groups v2): create one, invite, remove (which rotates the key), promote, leave, rename,
/// describe; send to a group and read it; answer invites, which arrive as requests. Groups are named by their ID
/// (03…) or, where unique, their name. Operations that touch the network return a <see cref="GroupResult"/>.
/// </summary>
public sealed class ClientGroups
{
    private readonly GroupContext _context;
    private readonly GroupAdminOps _admin;
    private readonly GroupMemberOps _member;
    private readonly GroupPoller _poller;

    internal ClientGroups(GroupContext context)
    {
        _context = context;
        _admin = new GroupAdminOps(context);
        _poller = new GroupPoller(context, _admin);
        _member = new GroupMemberOps(context, _admin, _poller);
        context.MessageAdded += message => MessageAdded?.Invoke(message);
    }

    /// <summary>Raised for every group message stored: sent, received, or a system line (joins, leaves, removals).</summary>
    public event Action<GroupMessageView>? MessageAdded;

    /// <summary>Every group this account knows, newest first (invites included, with <see cref="GroupRole.Invited"/>).</summary>
    public IReadOnlyList<GroupView> List() => _context.Groups.All();

    /// <summary>Invites waiting for an answer.</summary>
    public IReadOnlyList<GroupView> Invites() => [.. List().Where(g => g.Role == GroupRole.Invited)];

    /// <summary>
    /// The group with ID <paramref name="idOrName"/>, or the one group with that name (any case); null with why when
    /// there is none, or several share the name.
    /// </summary>
    public GroupView? Find(string idOrName, out string? error)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        error = null;
        if (GroupIds.IsGroupId(idOrName))
        {
            var found = _context.Groups.Find(idOrName.ToLowerInvariant());
            error = found is null ? $"no group {idOrName}" : null;
            return found;
        }
        var named = List().Where(g => string.Equals(g.Name, idOrName, StringComparison.OrdinalIgnoreCase)).ToList();
        error = named.Count switch
        {
            0 => $"no group named \"{idOrName}\" (give its name or its ID, 03…; `wisp group list` shows them)",
            > 1 => $"{named.Count} groups are named \"{idOrName}\"; give the ID (`wisp group list`)",
            _ => null,
        };
        return named.Count == 1 ? named[0] : null;
    }

    /// <summary>The group's members as this account knows them, admins first.</summary>
    public IReadOnlyList<GroupMemberView> Members(string groupId) => _context.Groups.Members(groupId);

    /// <summary>The last <paramref name="limit"/> messages of the group, oldest first.</summary>
    public IReadOnlyList<GroupMessageView> History(string groupId, int limit = 100) => _context.Messages.History(groupId, limit);

    /// <summary>Creates a group with this account as its admin and invites <paramref name="members"/>.</summary>
    public Task<GroupResult> CreateAsync(string name, IReadOnlyList<AccountId> members, CancellationToken cancellationToken) =>
        _admin.CreateAsync(name, members, cancellationToken);

    /// <summary>Invites more members (admins only).</summary>
    public Task<GroupResult> InviteAsync(string groupId, IReadOnlyList<AccountId> members, CancellationToken cancellationToken) =>
        InTurnAsync(groupId, () => _admin.InviteAsync(groupId, members, cancellationToken), cancellationToken);

    /// <summary>Removes members (admins only): a new key generation without them, their tokens revoked.</summary>
    public Task<GroupResult> RemoveAsync(string groupId, IReadOnlyList<AccountId> members, CancellationToken cancellationToken) =>
        InTurnAsync(groupId, () => _admin.RemoveAsync(groupId, members, cancellationToken), cancellationToken);

    /// <summary>Makes a member an admin (admins only).</summary>
    public Task<GroupResult> PromoteAsync(string groupId, AccountId member, CancellationToken cancellationToken) =>
        InTurnAsync(groupId, () => _admin.PromoteAsync(groupId, member, cancellationToken), cancellationToken);

    /// <summary>Renames the group (admins only).</summary>
    public Task<GroupResult> RenameAsync(string groupId, string name, CancellationToken cancellationToken) =>
        InTurnAsync(groupId, () => _admin.RenameAsync(groupId, name, cancellationToken), cancellationToken);

    /// <summary>Sets the group's description (admins only).</summary>
    public Task<GroupResult> DescribeAsync(string groupId, string description, CancellationToken cancellationToken) =>
        InTurnAsync(groupId, () => _admin.DescribeAsync(groupId, description, cancellationToken), cancellationToken);

    /// <summary>Accepts an invite and joins the group.</summary>
    public Task<GroupResult> AcceptAsync(string groupId, CancellationToken cancellationToken) =>
        InTurnAsync(groupId, () => _member.AcceptAsync(groupId, cancellationToken), cancellationToken);

    /// <summary>Declines an invite (the group is forgotten).</summary>
    public GroupResult Decline(string groupId) => _member.Decline(groupId);

    /// <summary>Leaves the group.</summary>
    public Task<GroupResult> LeaveAsync(string groupId, CancellationToken cancellationToken) =>
        InTurnAsync(groupId, () => _member.LeaveAsync(groupId, cancellationToken), cancellationToken);

    /// <summary>Sends a text message to the group; the message (sent or failed) and, when it failed, why.</summary>
    public Task<(GroupMessageView? Message, string? Error)> SendAsync(string groupId, string text, CancellationToken cancellationToken) =>
        _member.SendAsync(groupId, text, cancellationToken);

    /// <summary>Sends already uploaded files (and a caption) to the group in one message.</summary>
    internal Task<(GroupMessageView? Message, string? Error)> SendAttachmentsAsync(
        string groupId, string? caption, IReadOnlyList<Protocol.Content.AttachmentPointer> pointers, CancellationToken cancellationToken) =>
        _member.SendAttachmentsAsync(groupId, caption, pointers, cancellationToken);

    /// <summary>Reads every group's swarm once; the errors met (empty when all worked).</summary>
    public Task<IReadOnlyList<string>> FetchAsync(CancellationToken cancellationToken) => _poller.PollAllAsync(cancellationToken);

    /// <summary>Polls every group until cancelled (what <see cref="WispClient.Start"/> runs).</summary>
    internal async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await _poller.PollAllAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One bad group or message must not stop the loop: the next round tries again.
            }
            await Task.Delay(GroupLimits.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<GroupResult> InTurnAsync(string groupId, Func<Task<GroupResult>> operation, CancellationToken cancellationToken)
    {
        using (await _context.TurnAsync(groupId, cancellationToken).ConfigureAwait(false))
            return await operation().ConfigureAwait(false);
    }

    /// <summary>The main poller's hook for group updates that come 1:1 (invites, promotions); null when applied, else why dropped.</summary>
    internal string? TakeDirect(AccountId sender, GroupUpdateMessage update, long sentAtMs) => GroupUpdates.Direct(_context, sender, update, sentAtMs);
}
