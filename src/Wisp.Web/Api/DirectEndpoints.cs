using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wisp.Client;
using Wisp.Client.Direct;
using Wisp.Crypto.Keys;
using Wisp.Web.Session;

namespace Wisp.Web.Api;

/// <summary>
/// Direct mode in the web app, as <c>wisp contacts direct</c> and <c>wisp p2p status</c> do it: a contact's state, turning
/// it on (only with the IP exposure confirmed) or off, and the direct path's status.
/// </summary>
internal static class DirectEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/contacts/{peer}/direct", (string peer, WebSession session) => ConversationEndpoints.WithPeer(session, peer, (client, id) =>
            Known(client, id) ? ApiResults.Ok(Json(client, id)) : NotKnown(id)));
        api.MapPut("/contacts/{peer}/direct", SetAsync);
        api.MapGet("/p2p", (WebSession session) => ConversationEndpoints.WithClient(session, client => ApiResults.Ok(Status(client))));
    }

    private static async Task<IResult> SetAsync(HttpContext context, string peer, WebSession session)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        if (!ApiResults.TryPeer(peer, out var id, out var error))
            return error;
        var (request, readError) = await ApiResults.ReadAsync<DirectRequest>(context);
        if (request is null)
            return readError!;
        if (!Known(client, id))
            return NotKnown(id);
        if (request.On && request.ConfirmIpExposure != true)
        {
            return ApiResults.BadRequest(
                "turning direct mode on needs \"confirm_ip_exposure\": true, sent once the person has read this: " + Exposure(client, id));
        }
        if (await client.Direct.SetAsync(id, request.On, context.RequestAborted) is { } failed)
            return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, failed);
        return ApiResults.Ok(Json(client, id));
    }

    /// <summary>A contact, or anyone this account has a conversation with (direct mode is offered through their swarm).</summary>
    private static bool Known(WispClient client, AccountId id) =>
        id != client.AccountId && (client.Contacts.List().Any(c => c.AccountId == id) || client.Conversations.Find(id) is not null);

    private static IResult NotKnown(AccountId id) => ApiResults.NotFound($"{id.Hex} is neither a contact nor someone you have a conversation with.");

    private static string Exposure(WispClient client, AccountId id) =>
        string.Format(CultureInfo.InvariantCulture, DirectStates.Exposure, client.Contacts.NameOf(id));

    private static DirectJson Json(WispClient client, AccountId id)
    {
        var contact = client.Direct.Get(id);
        return new DirectJson(
            id.Hex, client.Contacts.NameOf(id), DirectStates.Word(contact.State), contact.DeviceKeys.Count, contact.LastDirectAtMs, Exposure(client, id));
    }

    /// <summary>What <c>wisp p2p status --json</c> shows: the status the running client (this one, once direct mode starts) last wrote.</summary>
    private static P2pJson Status(WispClient client)
    {
        var status = client.Direct.LastStatus();
        var running = status is not null && status.Fresh(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        return new P2pJson(
            running,
            client.Direct.DeviceKey.ToHex(),
            running && status!.Listening,
            running ? status!.DhtNodes : 0,
            running ? status!.PublicAddress : null,
            running ? status!.NatClass : "UNKNOWN",
            running ? status!.Bootstrap : [],
            [.. (running ? status!.Sessions : []).Select(s => new SessionJson(
                s.AccountId, AccountId.TryParse(s.AccountId, out var peer, out _) ? client.Contacts.NameOf(peer) : s.AccountId,
                s.Path, s.RemoteAddress, s.Inbound, s.BytesSent, s.BytesReceived))],
            (running ? status!.OwnDeviceSessions ?? [] : []).Count,
            [.. client.Direct.List().Select(c => new DirectContactJson(c.Peer.Hex, client.Contacts.NameOf(c.Peer), DirectStates.Word(c.State)))]);
    }

    /// <summary>The body of <c>PUT /contacts/{peer}/direct</c>: on or off; on only with the IP exposure confirmed.</summary>
    private sealed record DirectRequest(bool On, bool? ConfirmIpExposure = null);

    /// <summary>
    /// Direct mode with one contact: off, offered (waiting for them), requested (they asked), on; the devices of theirs it
    /// reaches, when it last went direct, and the sentence to show before turning it on.
    /// </summary>
    private sealed record DirectJson(string Peer, string Name, string State, int Devices, long? LastDirectMs, string IpExposure);

    private sealed record P2pJson(
        bool Running, string DeviceKey, bool Listening, int DhtNodes, string? PublicAddress, string NatClass, IReadOnlyList<string> Bootstrap,
        IReadOnlyList<SessionJson> Sessions, int OwnDeviceSessions, IReadOnlyList<DirectContactJson> Contacts);

    private sealed record SessionJson(string Peer, string Name, string Path, string RemoteAddress, bool Inbound, long BytesSent, long BytesReceived);

    private sealed record DirectContactJson(string Peer, string Name, string State);
}
