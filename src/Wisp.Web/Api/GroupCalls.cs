using Microsoft.AspNetCore.Http;
using Wisp.Client;
using Wisp.Crypto.Keys;

namespace Wisp.Web.Api;

/// <summary>
/// The group calls of the web API as calls of the SDK's groups, after <see cref="GroupEndpoints"/> checked their
/// input. The SDK's groups (<c>WispClient.Groups</c>) are not in this build yet: each answers 501 until wired.
/// </summary>
internal static class GroupCalls
{
    private const string What = "groups";

    public static IResult List(WispClient client) => ApiResults.NotInBuild(What);

    public static IResult Show(WispClient client, string group) => ApiResults.NotInBuild(What);

    public static IResult History(WispClient client, string group, int limit) => ApiResults.NotInBuild(What);

    public static IResult MarkRead(WispClient client, string group) => ApiResults.NotInBuild(What);

    public static IResult Remove(WispClient client, string group, AccountId member) => ApiResults.NotInBuild(What);

    public static IResult Promote(WispClient client, string group, AccountId member) => ApiResults.NotInBuild(What);

    public static IResult Accept(WispClient client, string group) => ApiResults.NotInBuild(What);

    public static IResult Decline(WispClient client, string group) => ApiResults.NotInBuild(What);

    public static IResult Leave(WispClient client, string group) => ApiResults.NotInBuild(What);

    public static Task<IResult> CreateAsync(WispClient client, string name, IReadOnlyList<AccountId> members, CancellationToken cancellationToken) =>
        Task.FromResult(ApiResults.NotInBuild(What));

    public static Task<IResult> UpdateAsync(WispClient client, string group, string? name, string? description, CancellationToken cancellationToken) =>
        Task.FromResult(ApiResults.NotInBuild(What));

    public static Task<IResult> SendAsync(WispClient client, string group, string text, string? replyTo, CancellationToken cancellationToken) =>
        Task.FromResult(ApiResults.NotInBuild(What));

    public static Task<IResult> InviteAsync(WispClient client, string group, IReadOnlyList<AccountId> members, CancellationToken cancellationToken) =>
        Task.FromResult(ApiResults.NotInBuild(What));
}
