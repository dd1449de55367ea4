using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Wisp.Web.Session;

namespace Wisp.Web.Api;

/// <summary>The account (Account ID, display name, passphrase) and the app's settings.</summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/account", (WebSession session) => session.Client is { } client
            ? ApiResults.Ok(new AccountJson(client.AccountId.Hex, client.DisplayName, client.Profile.Value))
            : ApiResults.Locked());
        api.MapPut("/account/display_name", SetDisplayNameAsync);
        api.MapPost("/account/passphrase", ChangePassphraseAsync);
        api.MapGet("/settings", (WebSession session) => session.Client is null
            ? ApiResults.Locked()
            : ApiResults.Ok(SettingsJson.Of(WebSettings.Load(session.Home, session.Profile))));
        api.MapPut("/settings", SetSettingsAsync);
    }

    private static async Task<IResult> SetDisplayNameAsync(HttpContext context, WebSession session)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        var (request, error) = await ApiResults.ReadAsync<DisplayNameRequest>(context);
        if (request is null)
            return error!;
        return client.TrySetDisplayName(request.DisplayName, out var problem)
            ? ApiResults.Ok(new AccountJson(client.AccountId.Hex, client.DisplayName, client.Profile.Value))
            : ApiResults.BadRequest(problem);
    }

    private static async Task<IResult> ChangePassphraseAsync(HttpContext context, WebSession session)
    {
        if (session.Client is null)
            return ApiResults.Locked();
        var (request, error) = await ApiResults.ReadAsync<PassphraseRequest>(context);
        if (request is null)
            return error!;
        if (request.New is null)
            return ApiResults.BadRequest("a profile's passphrase can be changed but not removed; choose a new one.");
        if (!SessionEndpoints.TryPassphrase(request.Old, out var old, out error) || !SessionEndpoints.TryPassphrase(request.New, out var replacement, out error, isNew: true))
            return error;
        using (old)
        using (replacement)
        {
            var outcome = await session.ChangePassphraseAsync(old, replacement!);
            return outcome.IsOk ? Results.NoContent() : ApiResults.Error(outcome.Status, outcome.Error!);
        }
    }

    private static async Task<IResult> SetSettingsAsync(HttpContext context, WebSession session)
    {
        if (session.Client is not { } client)
            return ApiResults.Locked();
        var (request, error) = await ApiResults.ReadAsync<SettingsJson>(context);
        if (request is null)
            return error!;
        var settings = new WebSettings(request.ReadReceipts, request.TypingIndicators, request.Theme);
        if (!settings.IsValid)
            return ApiResults.BadRequest($"theme is one of {string.Join(", ", WebSettings.Themes.Order(StringComparer.Ordinal))}; got '{request.Theme}'.");
        settings.Save(session.Home, client.Profile);
        NewConversationDefaults.ApplyToAll(client, settings);
        return ApiResults.Ok(SettingsJson.Of(settings));
    }

    internal sealed record AccountJson(string AccountId, string? DisplayName, string Profile);

    private sealed record DisplayNameRequest(string? DisplayName);

    private sealed record PassphraseRequest(string? Old, string? New);

    private sealed record SettingsJson(bool ReadReceipts, bool TypingIndicators, string Theme)
    {
        public static SettingsJson Of(WebSettings settings) => new(settings.ReadReceipts, settings.TypingIndicators, settings.Theme);
    }
}
