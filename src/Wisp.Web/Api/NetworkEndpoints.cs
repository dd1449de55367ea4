using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wisp.Client.Front;
using Wisp.Web.Session;

namespace Wisp.Web.Api;

/// <summary>The network page: nodes, swarms, this account's swarm, the current onion path.</summary>
internal static class NetworkEndpoints
{
    public static void Map(IEndpointRouteBuilder api) =>
        api.MapGet("/network", (WebSession session) => ConversationEndpoints.WithClient(session, client =>
            ApiResults.Ok(client.Network.View() is { } view ? Of(view) : Offline)));

    private static readonly NetworkJson Offline = new(false, [], [], null, [], 0);

    private static NetworkJson Of(NetworkView view) => new(
        view.Reachable,
        [.. view.Nodes.Select(n => new NodeJson(n.Name, n.Ed25519.ToHex(), n.Url, Hex(n.SwarmId), n.Active))],
        [.. view.Swarms.Select(s => new SwarmJson(Hex(s.Id)!, [.. s.Members.Select(m => m.ToHex())]))],
        Hex(view.MySwarm),
        [.. view.Path.Select(h => new HopJson(h.Role, h.Name, h.Ed25519.ToHex(), h.Healthy, null))],
        view.RegistryVersion);

    /// <summary>Swarm ids as <c>wisp net status</c> prints them: lower-case hex.</summary>
    private static string? Hex(ulong? id) => id?.ToString("x", CultureInfo.InvariantCulture);

    private sealed record NetworkJson(
        bool Connected, IReadOnlyList<NodeJson> Nodes, IReadOnlyList<SwarmJson> Swarms, string? MySwarm, IReadOnlyList<HopJson> Path, long RegistryVersion);

    private sealed record NodeJson(string? Name, string Ed25519, string Url, string? SwarmId, bool Active);

    private sealed record SwarmJson(string SwarmId, IReadOnlyList<string> Members);

    /// <summary>One hop; last_rtt_ms is always null for now (the client does not time hops separately).</summary>
    private sealed record HopJson(PathRole Role, string? Name, string Ed25519, bool Healthy, double? LastRttMs);
}
