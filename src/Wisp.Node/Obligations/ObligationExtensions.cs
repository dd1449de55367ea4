using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Wisp.Network.Registry;
using Wisp.Node.NodeLinks;
using Wisp.Node.Peers;
using Wisp.Node.Swarm;
using Wisp.Protocol.Peering;

namespace Wisp.Node.Obligations;

/// <summary><c>services.AddWispObligations(…)</c> and <c>app.MapWispObligations()</c>: testing and voting on a staked registry.</summary>
public static class ObligationExtensions
{
    /// <summary>
    /// Registers the <see cref="ObligationService"/> over <paramref name="ledger"/>, looking for a new round every
    /// <paramref name="pollInterval"/>. Needs the peer tests (<see cref="PeerTestExtensions.AddWispPeerTests"/>).
    /// </summary>
    public static IServiceCollection AddWispObligations(this IServiceCollection services, IObligationLedger ledger, TimeSpan pollInterval)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        services.AddSingleton(ledger);
        services.AddSingleton(_ => new VoteTally(ledger));
        services.AddSingleton(provider => new ObligationChecks(
            provider.GetRequiredService<PeerTestService>(), provider.GetRequiredService<PeerClient>(),
            () => provider.GetRequiredService<INodeRegistry>().Current));
        services.AddSingleton(provider => new ObligationService(
            ledger, provider.GetRequiredService<ObligationChecks>(), provider.GetRequiredService<VoteTally>(),
            provider.GetRequiredService<PeerClient>(), () => provider.GetRequiredService<INodeRegistry>().Current,
            provider.GetRequiredService<SwarmMembership>().Self, provider.GetRequiredService<TimeProvider>(), pollInterval,
            provider.GetRequiredService<ILogger<ObligationService>>()));
        services.AddHostedService(provider => provider.GetRequiredService<ObligationService>());
        return services;
    }

    /// <summary>Maps <see cref="ObligationVote.Route"/> for authenticated nodes of the registry.</summary>
    public static IEndpointRouteBuilder MapWispObligations(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPeerRoute(ObligationVote.Route, async (services, request, ct) =>
        {
            var read = ObligationVote.Read(request.Body);
            if (!read.Ok)
                return PeerAnswer.Error(StatusCodes.Status400BadRequest, $"vote: {read.Problem}");
            var outcome = await services.GetRequiredService<ObligationService>().ReceiveAsync(request.From, read.Value!, ct);
            return outcome.Accepted
                ? PeerAnswer.Json(new ObligationVoteAnswer(outcome.Count).ToJson())
                : PeerAnswer.Error(StatusCodes.Status403Forbidden, $"vote: {outcome.Refusal}");
        });
}
