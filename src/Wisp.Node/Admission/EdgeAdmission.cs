using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Wisp.Node.Admission;

/// <summary>
/// The one admission step of every endpoint that takes a body (storage RPC, onion, node-to-node), cheapest check
/// first: the per-address rate and the per-address cap on requests in flight (when the <see cref="AdmissionPolicy"/>
/// says so; a relaying registry node takes from its own node's allowance instead), the obsolete long-poll header
/// (where refused), the declared size, then a bounded read of the body into a buffer reserved in the node-wide
/// <see cref="BodyBudget"/>. A refused request is answered here (<see cref="EdgeRefusals"/>); the endpoint sees only
/// the status, to count it. The slot in flight is given back when the response completes (answer written or
/// connection dropped), so a client that never reads its answers holds its own slots, not more of the node.
/// </summary>
public static class EdgeAdmission
{
    /// <summary>The body of an admitted request (the caller disposes it), or the status the request was refused and answered with.</summary>
    public static async Task<Admitted> AdmitAsync(HttpContext context, AdmissionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(policy);
        var services = context.RequestServices;
        var logger = services.GetRequiredService<ILogger<BodyBudget>>();

        if (policy.RateLimited && !await TakeAllowanceAsync(context, policy, logger))
            return new Admitted(null, StatusCodes.Status429TooManyRequests);

        if (policy.RefusesLongPoll && context.Request.Headers.ContainsKey(EdgeRefusals.LongPollHeader))
        {
            await EdgeRefusals.WriteAsync(context, StatusCodes.Status410Gone, EdgeRefusals.LongPollGone);
            return new Admitted(null, StatusCodes.Status410Gone);
        }

        // Kestrel's own cap is the storage RPC's; an onion or node-to-node body may be larger.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
            sizeLimit.MaxRequestBodySize = policy.MaxBodyBytes;
        var (body, failure) = await RequestBody.ReadAsync(
            context.Request, policy.MaxBodyBytes, services.GetRequiredService<BodyBudget>(), context.RequestAborted);
        if (body is not null)
            return new Admitted(body, 0);

        AdmissionLog.BodyRefused(logger, Remote(context), failure);
        var (status, text) = failure switch
        {
            BodyReadFailure.TooLarge => (StatusCodes.Status413PayloadTooLarge, EdgeRefusals.BodyTooLarge),
            BodyReadFailure.Busy => (StatusCodes.Status503ServiceUnavailable, EdgeRefusals.Busy),
            _ => (StatusCodes.Status400BadRequest, EdgeRefusals.Incomplete),
        };
        // The unread rest of the body is not worth draining; closing the connection frees its buffers sooner.
        context.Response.Headers.Connection = "close";
        await EdgeRefusals.WriteAsync(context, status, text);
        return new Admitted(null, status);
    }

    private static async Task<bool> TakeAllowanceAsync(HttpContext context, AdmissionPolicy policy, ILogger logger)
    {
        var services = context.RequestServices;
        var relay = policy.AcceptsRelays ? services.GetService<IRelayCallerCheck>()?.Identify(context) : null;
        ClientRateLimiter rate;
        ConcurrencyLimiter concurrency;
        UInt128 key;
        if (relay is { } node)
        {
            var relays = services.GetRequiredService<RelayLimiters>();
            (rate, concurrency, key) = (relays.Rate, relays.Concurrency, node);
        }
        else
        {
            rate = services.GetRequiredService<ClientRateLimiter>();
            concurrency = services.GetRequiredService<ClientConcurrency>().Limiter;
            key = ClientRateLimiter.KeyOf(context.Connection.RemoteIpAddress);
        }

        var decision = rate.TryAcquire(key);
        if (!decision.Allowed)
        {
            AdmissionLog.RateLimited(logger, Remote(context));
            await EdgeRefusals.TooManyAsync(context, decision.RetryAfter);
            return false;
        }
        var slot = concurrency.TryEnter(key);
        if (slot is null)
        {
            AdmissionLog.TooManyInFlight(logger, Remote(context));
            await EdgeRefusals.TooManyAsync(context, TimeSpan.FromSeconds(1));
            return false;
        }
        context.Response.RegisterForDispose(slot);
        return true;
    }

    private static string Remote(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}

/// <summary>The outcome of <see cref="EdgeAdmission.AdmitAsync"/>: the body, or the status the refusal was answered with.</summary>
public readonly record struct Admitted(RequestBody? Body, int RefusedStatus);
