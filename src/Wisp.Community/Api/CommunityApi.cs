using Wisp.Community.Auth;

namespace Wisp.Community.Api;

/// <summary>
/// Answers a <see cref="CommunityRequest"/>: authenticates its <c>X-SOGS-*</c> headers (a refusal is the answer),
/// then routes it. Used for HTTP, onion and batch requests alike; a batch's subrequests carry the outer request's
/// user and are not authenticated again (<c>authenticated</c> true), as in pysogs.
/// </summary>
internal sealed class CommunityApi
{
    private readonly RouteTable _routes = new();
    private readonly RequestAuthenticator _authenticator;

    public CommunityApi(CommunityServices services)
    {
        Services = services;
        _authenticator = new RequestAuthenticator(services);
        foreach (var group in RouteGroups.All(this))
            group.Map(_routes);
    }

    public CommunityServices Services { get; }

    /// <summary>Answers <paramref name="request"/>.</summary>
    public async Task<CommunityResponse> HandleAsync(CommunityRequest request, CancellationToken cancellationToken, bool authenticated = false)
    {
        if (!authenticated)
        {
            var auth = await _authenticator.AuthenticateAsync(request, cancellationToken);
            if (auth.Refusal is { } refusal)
                return refusal;
            request = request with { User = auth.User };
        }
        var (handler, context, status) = await _routes.MatchAsync(request, Services, cancellationToken);
        if (handler is null)
            return Reply.Status(status);
        return await handler(context!, cancellationToken);
    }
}
