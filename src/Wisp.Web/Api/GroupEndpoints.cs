using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wisp.Client;
using Wisp.Crypto.Keys;
using Wisp.Web.Session;

namespace Wisp.Web.Api;

/// <summary>
/// Closed groups (issue 13): the list, creating one, its messages, members (invite, remove, promote), name and
/// description, invites (accept, decline) and leaving. Every route checks what it is given here (the group ID, the
/// Account IDs, the name's length) and hands the rest to the SDK's groups (<see cref="GroupCalls"/>).
/// </summary>
internal static class GroupEndpoints
{
    /// <summary>Longest group name, UTF-8 bytes (100): libsession's info config limit.</summary>
    public const int MaxNameBytes = 100;

    /// <summary>Longest description, UTF-8 bytes (2,000): libsession's info config limit.</summary>
    public const int MaxDescriptionBytes = 2_000;

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/groups", (WebSession session) => ConversationEndpoints.WithClient(session, GroupCalls.List));
        api.MapPost("/groups", CreateAsync);
        api.MapGet("/groups/{id}", (string id, WebSession session) => WithGroup(session, id, GroupCalls.Show));
        api.MapPut("/groups/{id}", UpdateAsync);
        api.MapGet("/groups/{id}/messages", (HttpContext context, string id, WebSession session) => WithGroup(session, id, (client, group) =>
        {
            var limitText = context.Request.Query["limit"].ToString();
            var limit = 100;
            if (limitText.Length > 0 && (!int.TryParse(limitText, out limit) || limit is < 1 or > WebLimits.MaxHistory))
                return ApiResults.BadRequest($"limit is a whole number from 1 to {WebLimits.MaxHistory}; got '{limitText}'.");
            return GroupCalls.History(client, group, limit);
        }));
        api.MapPost("/groups/{id}/messages", SendAsync);
        api.MapPost("/groups/{id}/read", (string id, WebSession session) => WithGroup(session, id, GroupCalls.MarkRead));
        api.MapPost("/groups/{id}/members", InviteAsync);
        api.MapDelete("/groups/{id}/members/{member}", (string id, string member, WebSession session, CancellationToken cancellationToken) =>
            WithMemberAsync(session, id, member, (client, group, account) =>
                account == client.AccountId
                    ? Task.FromResult(ApiResults.BadRequest("to take yourself out of a group, leave it."))
                    : GroupCalls.RemoveAsync(client, group, account, cancellationToken)));
        api.MapPost("/groups/{id}/members/{member}/promote", (string id, string member, WebSession session, CancellationToken cancellationToken) =>
            WithMemberAsync(session, id, member, (client, group, account) => GroupCalls.PromoteAsync(client, group, account, cancellationToken)));
        api.MapPost("/groups/{id}/accept", (string id, WebSession session, CancellationToken cancellationToken) =>
            WithGroupAsync(session, id, (client, group) => GroupCalls.AcceptAsync(client, group, cancellationToken)));
        api.MapPost("/groups/{id}/decline", (string id, WebSession session) => WithGroup(session, id, GroupCalls.Decline));
        api.MapPost("/groups/{id}/leave", (string id, WebSession session, CancellationToken cancellationToken) =>
            WithGroupAsync(session, id, (client, group) => GroupCalls.LeaveAsync(client, group, cancellationToken)));
    }

    private static IResult WithGroup(WebSession session, string id, Func<WispClient, string, IResult> action)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        return ApiResults.TryGroup(id, out var group, out var error) ? action(client, group) : error;
    }

    private static Task<IResult> WithGroupAsync(WebSession session, string id, Func<WispClient, string, Task<IResult>> action)
    {
        if (session.Client is not { } client)
            return Task.FromResult(ApiResults.Locked());
        return ApiResults.TryGroup(id, out var group, out var error) ? action(client, group) : Task.FromResult(error);
    }

    private static Task<IResult> WithMemberAsync(WebSession session, string id, string member, Func<WispClient, string, AccountId, Task<IResult>> action) =>
        WithGroupAsync(session, id, (client, group) =>
            ApiResults.TryPeer(member, out var account, out var error) ? action(client, group, account) : Task.FromResult(error));

    private static async Task<IResult> CreateAsync(HttpContext context, WebSession session)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        var (request, error) = await ApiResults.ReadAsync<CreateRequest>(context);
        if (request is null)
            return error!;
        if (NameProblem(request.Name) is { } problem)
            return ApiResults.BadRequest(problem);
        if (!TryMembers(client, request.Members, out var members, out error))
            return error;
        return await GroupCalls.CreateAsync(client, request.Name.Trim(), members, context.RequestAborted);
    }

    private static async Task<IResult> UpdateAsync(HttpContext context, string id, WebSession session)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        if (!ApiResults.TryGroup(id, out var group, out var error))
            return error;
        var (request, readError) = await ApiResults.ReadAsync<UpdateRequest>(context);
        if (request is null)
            return readError!;
        if (request.Name is not null && NameProblem(request.Name) is { } problem)
            return ApiResults.BadRequest(problem);
        if (request.Description is { } description && Encoding.UTF8.GetByteCount(description) > MaxDescriptionBytes)
            return ApiResults.BadRequest($"a group's description has at most {MaxDescriptionBytes} bytes.");
        if (request.Name is null && request.Description is null)
            return ApiResults.BadRequest("name or description: say what to change.");
        return await GroupCalls.UpdateAsync(client, group, request.Name?.Trim(), request.Description, context.RequestAborted);
    }

    private static async Task<IResult> SendAsync(HttpContext context, string id, WebSession session)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        if (!ApiResults.TryGroup(id, out var group, out var error))
            return error;
        var (request, readError) = await ApiResults.ReadAsync<SendRequest>(context);
        if (request is null)
            return readError!;
        if (string.IsNullOrWhiteSpace(request.Text))
            return ApiResults.BadRequest("a message needs some text.");
        return await GroupCalls.SendAsync(client, group, request.Text, request.ReplyTo, context.RequestAborted);
    }

    private static async Task<IResult> InviteAsync(HttpContext context, string id, WebSession session)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        if (!ApiResults.TryGroup(id, out var group, out var error))
            return error;
        var (request, readError) = await ApiResults.ReadAsync<InviteRequest>(context);
        if (request is null)
            return readError!;
        if (!TryMembers(client, request.Members, out var members, out error))
            return error;
        return await GroupCalls.InviteAsync(client, group, members, context.RequestAborted);
    }

    /// <summary>Why <paramref name="name"/> cannot name a group, or null.</summary>
    public static string? NameProblem(string name) =>
        string.IsNullOrWhiteSpace(name) ? "a group needs a name."
        : Encoding.UTF8.GetByteCount(name.Trim()) > MaxNameBytes ? $"a group's name has at most {MaxNameBytes} bytes (UTF-8); this one has {Encoding.UTF8.GetByteCount(name.Trim())}."
        : null;

    /// <summary>The Account IDs of a create or invite call: 1 to 100, each valid, not this account, duplicates dropped.</summary>
    private static bool TryMembers(WispClient client, IReadOnlyList<string> given, out IReadOnlyList<AccountId> members, out IResult error)
    {
        members = [];
        error = null!;
        if (given.Count == 0)
        {
            error = ApiResults.BadRequest("name at least one member (an Account ID).");
            return false;
        }
        if (given.Count > WebLimits.MaxMembersPerCall)
        {
            error = ApiResults.BadRequest($"at most {WebLimits.MaxMembersPerCall} members in one call; invite the rest in another.");
            return false;
        }
        var list = new List<AccountId>();
        foreach (var text in given)
        {
            if (!ApiResults.TryPeer(text, out var account, out var problem))
            {
                error = problem;
                return false;
            }
            if (account == client.AccountId)
            {
                error = ApiResults.BadRequest("you are in the group already; name the others.");
                return false;
            }
            if (!list.Contains(account))
                list.Add(account);
        }
        members = list;
        return true;
    }

    private sealed record CreateRequest(string Name, IReadOnlyList<string> Members);

    private sealed record UpdateRequest(string? Name = null, string? Description = null);

    private sealed record SendRequest(string Text, string? ReplyTo = null);

    private sealed record InviteRequest(IReadOnlyList<string> Members);
}
