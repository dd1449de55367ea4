using Microsoft.AspNetCore.Http;
using Wisp.Client;
using Wisp.Client.Groups;
using Wisp.Crypto.Keys;

namespace Wisp.Web.Api;

/// <summary>
/// The group calls of the web API as calls of the SDK's groups (<see cref="WispClient.Groups"/>), after
/// <see cref="GroupEndpoints"/> checked their input: an unknown group is a 404, an admin's call by a member a 403, an
/// answer to an invite that is not pending a 409; what the SDK refuses is a 400 when it is about what was asked
/// (members already in, not in, too many) and a 503 otherwise (the swarm did not take it; try again).
/// </summary>
internal static class GroupCalls
{
    public static IResult List(WispClient client) =>
        ApiResults.Ok(client.Groups.List().Where(g => g.Role is not (GroupRole.Left or GroupRole.Removed))
            .Select(g => GroupViews.Group(client, g)).ToList());

    public static IResult Show(WispClient client, string group) => WithGroup(client, group, found => ApiResults.Ok(GroupViews.Group(client, found)));

    public static IResult History(WispClient client, string group, int limit) => WithGroup(client, group, _ =>
        ApiResults.Ok(client.Groups.History(group, limit).Select(m => GroupViews.Message(client, m)).ToList()));

    /// <summary>Group messages have no read marks in the SDK yet: nothing to mark, nothing sent.</summary>
    public static IResult MarkRead(WispClient client, string group) => WithGroup(client, group, _ => ApiResults.Ok(new { count = 0 }));

    public static Task<IResult> RemoveAsync(WispClient client, string group, AccountId member, CancellationToken cancellationToken) =>
        WithAdminAsync(client, group, async () =>
            client.Groups.Members(group).Any(m => m.AccountId == member && m.Status != GroupMemberState.Removed)
                ? (await client.Groups.RemoveAsync(group, [member], cancellationToken)).Error is { } error ? Failed(error) : null
                : ApiResults.NotFound($"{member.Hex} is not a member of this group."));

    public static Task<IResult> PromoteAsync(WispClient client, string group, AccountId member, CancellationToken cancellationToken) =>
        WithAdminAsync(client, group, async () =>
            client.Groups.Members(group).Any(m => m.AccountId == member && m.Status != GroupMemberState.Removed)
                ? (await client.Groups.PromoteAsync(group, member, cancellationToken)).Error is { } error ? Failed(error) : null
                : ApiResults.NotFound($"{member.Hex} is not a member of this group."));

    /// <summary>Joins on an invite. Joined but the swarm not read yet is still a join: the messages come with the next poll.</summary>
    public static async Task<IResult> AcceptAsync(WispClient client, string group, CancellationToken cancellationToken)
    {
        if (client.Groups.Find(group, out _) is not { } found)
            return NoGroup(group);
        if (found.Role != GroupRole.Invited)
            return ApiResults.Conflict($"there is no pending invite to {found.Name}.");
        var result = await client.Groups.AcceptAsync(group, cancellationToken);
        var now = client.Groups.Find(group, out _);
        return result.Ok || now is { Role: GroupRole.Member or GroupRole.Admin }
            ? ApiResults.Ok(GroupViews.Group(client, now ?? found))
            : Failed(result.Error!);
    }

    public static IResult Decline(WispClient client, string group) => WithGroup(client, group, found =>
    {
        if (found.Role != GroupRole.Invited)
            return ApiResults.Conflict($"there is no pending invite to {found.Name} to decline.");
        var result = client.Groups.Decline(group);
        return result.Ok ? Results.NoContent() : ApiResults.Conflict(result.Error!);
    });

    /// <summary>Leaves; the last admin cannot while others remain (the group would have no one to manage it).</summary>
    public static async Task<IResult> LeaveAsync(WispClient client, string group, CancellationToken cancellationToken)
    {
        if (client.Groups.Find(group, out _) is not { } found)
            return NoGroup(group);
        if (found.Role is not (GroupRole.Admin or GroupRole.Member))
            return ApiResults.Conflict($"you are not in {found.Name}.");
        var members = client.Groups.Members(group).Where(m => m.Status != GroupMemberState.Removed).ToList();
        if (found.Role == GroupRole.Admin && members.Count(m => m.Admin) == 1 && members.Count > 1)
            return ApiResults.Conflict($"you are the only admin of {found.Name}: promote another member first.");
        var result = await client.Groups.LeaveAsync(group, cancellationToken);
        return result.Ok ? Results.NoContent() : Failed(result.Error!);
    }

    public static async Task<IResult> CreateAsync(WispClient client, string name, IReadOnlyList<AccountId> members, CancellationToken cancellationToken)
    {
        var result = await client.Groups.CreateAsync(name, members, cancellationToken);
        if (result.GroupId is { } id && client.Groups.Find(id, out _) is { } made)
            return result.Ok ? ApiResults.Ok(GroupViews.Group(client, made)) : Failed(result.Error!);
        return Failed(result.Error ?? "the group could not be made.");
    }

    public static Task<IResult> UpdateAsync(WispClient client, string group, string? name, string? description, CancellationToken cancellationToken) =>
        WithAdminAsync(client, group, async () =>
        {
            if (name is not null && (await client.Groups.RenameAsync(group, name, cancellationToken)).Error is { } renameError)
                return Failed(renameError);
            if (description is not null && (await client.Groups.DescribeAsync(group, description, cancellationToken)).Error is { } describeError)
                return Failed(describeError);
            return null;
        });

    public static async Task<IResult> SendAsync(WispClient client, string group, string text, string? replyTo, CancellationToken cancellationToken)
    {
        if (client.Groups.Find(group, out _) is not { } found)
            return NoGroup(group);
        if (replyTo is not null)
            return ApiResults.BadRequest("replies in a group are not supported yet; send it without reply_to.");
        if (found.Role is not (GroupRole.Admin or GroupRole.Member))
            return ApiResults.Conflict($"you are not in {found.Name} (accept its invite first).");
        var (message, error) = await client.Groups.SendAsync(group, text, cancellationToken);
        return message is not null ? ApiResults.Ok(GroupViews.Message(client, message)) : Failed(error ?? "the message could not be sent.");
    }

    public static Task<IResult> InviteAsync(WispClient client, string group, IReadOnlyList<AccountId> members, CancellationToken cancellationToken) =>
        WithAdminAsync(client, group, async () => (await client.Groups.InviteAsync(group, members, cancellationToken)).Error is { } error ? Failed(error) : null);

    private static IResult WithGroup(WispClient client, string group, Func<GroupView, IResult> action) =>
        client.Groups.Find(group, out _) is { } found ? action(found) : NoGroup(group);

    /// <summary>Runs an admin's change; the group as it is afterwards, or the change's error.</summary>
    private static async Task<IResult> WithAdminAsync(WispClient client, string group, Func<Task<IResult?>> change)
    {
        if (client.Groups.Find(group, out _) is not { } found)
            return NoGroup(group);
        if (found.Role != GroupRole.Admin)
            return ApiResults.Error(StatusCodes.Status403Forbidden, $"only an admin of {found.Name} can do that.");
        if (await change() is { } failed)
            return failed;
        return ApiResults.Ok(GroupViews.Group(client, client.Groups.Find(group, out _)!));
    }

    private static IResult NoGroup(string group) => ApiResults.NotFound($"there is no group {group} in this account.");

    /// <summary>The SDK's refusal: about the request (400) or the network's (503).</summary>
    private static IResult Failed(string error) =>
        error.Contains("at most", StringComparison.Ordinal) || error.Contains("already", StringComparison.Ordinal)
        || error.Contains("not a member", StringComparison.Ordinal) || error.Contains("no one named", StringComparison.Ordinal)
        || error.Contains("leaves with", StringComparison.Ordinal)
            ? ApiResults.BadRequest(error)
            : ApiResults.Error(StatusCodes.Status503ServiceUnavailable, error);
}
