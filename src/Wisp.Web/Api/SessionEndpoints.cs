using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wisp.Client.Account;
using Wisp.Web.Session;

namespace Wisp.Web.Api;

/// <summary>The session and onboarding: which profile, locked or not; create, restore, unlock, lock.</summary>
internal static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/session", (WebSession session) => ApiResults.Ok(View(session)));
        api.MapPost("/profiles", CreateAsync);
        api.MapPost("/profiles/restore", RestoreAsync);
        api.MapPost("/unlock", UnlockAsync);
        api.MapPost("/lock", async (WebSession session) =>
        {
            await session.LockAsync();
            return Results.NoContent();
        });
    }

    public static SessionJson View(WebSession session)
    {
        var client = session.Client;
        return new SessionJson(
            session.State, session.Profile.Value, session.Profiles(),
            client?.AccountId.Hex, client?.DisplayName, client?.Connected ?? false, client is null ? null : session.NetworkProblem);
    }

    private static async Task<IResult> CreateAsync(HttpContext context, WebSession session)
    {
        var (request, error) = await ApiResults.ReadAsync<ProfileRequest>(context);
        if (request is null)
            return error!;
        if (!ProfileName.TryParse(request.Profile, out var profile, out var nameError))
            return ApiResults.BadRequest(nameError);
        if (!TryPassphrase(request.Passphrase, out var passphrase, out error))
            return error;
        using (passphrase)
        {
            var (outcome, phrase) = await session.CreateAsync(profile, passphrase);
            if (!outcome.IsOk)
                return ApiResults.Error(outcome.Status, outcome.Error!);
            return ApiResults.Ok(new CreatedJson(session.Client?.AccountId.Hex ?? "", phrase!.Split(' ')));
        }
    }

    private static async Task<IResult> RestoreAsync(HttpContext context, WebSession session)
    {
        var (request, error) = await ApiResults.ReadAsync<RestoreRequest>(context);
        if (request is null)
            return error!;
        if (!ProfileName.TryParse(request.Profile, out var profile, out var nameError))
            return ApiResults.BadRequest(nameError);
        if (!TryPassphrase(request.Passphrase, out var passphrase, out error))
            return error;
        using (passphrase)
        {
            var outcome = await session.RestoreAsync(profile, request.Words, passphrase);
            return outcome.IsOk
                ? ApiResults.Ok(new RestoredJson(session.Client?.AccountId.Hex ?? ""))
                : ApiResults.Error(outcome.Status, outcome.Error!);
        }
    }

    private static async Task<IResult> UnlockAsync(HttpContext context, WebSession session)
    {
        var (request, error) = await ApiResults.ReadAsync<UnlockRequest>(context);
        if (request is null)
            return error!;
        if (!ProfileName.TryParse(request.Profile, out var profile, out var nameError))
            return ApiResults.BadRequest(nameError);
        if (!TryPassphrase(request.Passphrase, out var passphrase, out error))
            return error;
        using (passphrase)
        {
            var outcome = await session.UnlockAsync(profile, passphrase);
            return outcome.IsOk ? ApiResults.Ok(View(session)) : ApiResults.Error(outcome.Status, outcome.Error!);
        }
    }

    /// <summary>A passphrase from JSON: null is none; an empty or overlong one is a 400.</summary>
    public static bool TryPassphrase(string? text, out Passphrase? passphrase, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out IResult? error)
    {
        passphrase = null;
        error = text switch
        {
            "" => ApiResults.BadRequest("an empty passphrase is no passphrase: send null for none."),
            { Length: > Passphrase.MaxLength } => ApiResults.BadRequest($"a passphrase has at most {Passphrase.MaxLength} characters."),
            _ => null,
        };
        if (error is null && text is not null)
            passphrase = Passphrase.From(text);
        return error is null;
    }

    internal sealed record SessionJson(
        string State, string? Profile, IReadOnlyList<string> Profiles, string? AccountId, string? DisplayName, bool Connected, string? NetworkError);

    private sealed record ProfileRequest(string Profile, string? Passphrase);

    private sealed record RestoreRequest(string Profile, string Words, string? Passphrase);

    private sealed record UnlockRequest(string Profile, string? Passphrase = null);

    private sealed record CreatedJson(string AccountId, IReadOnlyList<string> Words);

    private sealed record RestoredJson(string AccountId);
}
