using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Wisp.Client.Front;
using Wisp.Crypto.Keys;

namespace Wisp.Web.Api;

/// <summary>How the API answers: snake_case JSON, errors as <c>{"error": "sentence"}</c>, request bodies read with a clear 400.</summary>
internal static class ApiResults
{
    /// <summary>The JSON shape of every request and response: snake_case, nulls written.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // Served as application/json with nosniff, so text (emoji, quotes) can stay as written.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Ok<T>(T value) => Results.Json(value, Json);

    public static IResult Error(int status, string message) => Results.Json(new ErrorBody(message), Json, statusCode: status);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public static IResult Conflict(string message) => Error(StatusCodes.Status409Conflict, message);

    public static IResult Locked() => Conflict("no account is unlocked: unlock or create one first.");

    /// <summary>Reads the request body as <typeparamref name="T"/>; false with a 400 that says what is wrong.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Json, context.RequestAborted);
            return value is null ? (null, BadRequest("the request body must be a JSON object.")) : (value, null);
        }
        catch (JsonException exception)
        {
            return (null, BadRequest($"the request body is not what this call takes: {Plain(exception)}"));
        }
        catch (Microsoft.AspNetCore.Http.BadHttpRequestException exception)
        {
            return (null, Error(exception.StatusCode, "the request body is too large."));
        }
    }

    /// <summary>The peer named in a route: an Account ID, else a 400 with the sentence the CLI gives for it.</summary>
    public static bool TryPeer(string text, [NotNullWhen(true)] out AccountId? peer, [NotNullWhen(false)] out IResult? error)
    {
        error = AccountIdText.TryParse(text, out peer, out var problem) ? null : BadRequest(problem);
        return error is null;
    }

    /// <summary>System.Text.Json's message without its internal path notation noise.</summary>
    private static string Plain(JsonException exception) =>
        exception.Path is { Length: > 1 } path ? $"{exception.Message.Split(" Path:")[0]} (at {path})" : exception.Message.Split(" Path:")[0];

    private sealed record ErrorBody(string Error);
}
