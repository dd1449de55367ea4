using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wisp.Web.Session;

namespace Wisp.Web.Api;

/// <summary>Contacts and their nicknames (blocked ones listed too, marked).</summary>
internal static class ContactEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/contacts", (WebSession session) => ConversationEndpoints.WithClient(session, client =>
            ApiResults.Ok(client.Contacts.List().Select(c => new ContactJson(c.AccountId.Hex, c.Nickname, c.DisplayName, false))
                .Concat(client.Contacts.Blocked().Select(c => new ContactJson(c.AccountId.Hex, c.Nickname, client.Contacts.DisplayNameOf(c.AccountId), true)))
                .ToList())));
        api.MapPut("/contacts/{peer}", SetAsync);
        api.MapDelete("/contacts/{peer}", (string peer, WebSession session) => ConversationEndpoints.WithPeer(session, peer, (client, id) =>
            client.Contacts.Remove(id) ? Results.NoContent() : ApiResults.NotFound($"{id.Hex} is not a contact.")));
    }

    private static async Task<IResult> SetAsync(HttpContext context, string peer, WebSession session)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        if (!ApiResults.TryPeer(peer, out var id, out var error))
            return error;
        var (request, readError) = await ApiResults.ReadAsync<NicknameRequest>(context);
        if (request is null)
            return readError!;
        if (!client.Contacts.TrySet(id, request.Nickname, out var problem))
            return ApiResults.BadRequest(problem);
        var blocked = client.Contacts.Blocked().Any(c => c.AccountId == id);
        return ApiResults.Ok(new ContactJson(id.Hex, client.Contacts.NicknameOf(id), client.Contacts.DisplayNameOf(id), blocked));
    }

    private sealed record NicknameRequest(string Nickname);
}
