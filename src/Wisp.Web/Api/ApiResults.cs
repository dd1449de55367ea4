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

    /// <summary>A call of the contract whose SDK part is not in this build yet (501).</summary>
    public static IResult NotInBuild(string what) => Error(StatusCodes.Status501NotImplemented, $"{what} are not in this build yet.");

    /// <summary>A group named in a route: <c>03</c> and 64 hex characters (its Ed25519 public key), lower-cased; else a 400 saying what is wrong.</summary>
    public static bool TryGroup(string text, [NotNullWhen(true)] out string? id, [NotNullWhen(false)] out IResult? error)
    {
        var trimmed = text.Trim().ToLowerInvariant();
        string? problem = null;
        if (trimmed.Length != 66)
            problem = $"'{Shorten(trimmed)}' is not a group ID: a group ID is 66 hex characters, 03 followed by 64; this one has {trimmed.Length}.";
        else if (!trimmed.StartsWith("03", StringComparison.Ordinal))
            problem = trimmed.StartsWith("05", StringComparison.Ordinal)
                ? $"'{Shorten(trimmed)}' is an Account ID, not a group ID (a group ID starts with 03)."
                : $"'{Shorten(trimmed)}' is not a group ID: a group ID starts with 03.";
        else if (!trimmed.All(char.IsAsciiHexDigit))
            problem = $"'{Shorten(trimmed)}' is not a group ID: it holds a character that is not 0-9 or a-f.";
        id = problem is null ? trimmed : null;
        error = problem is null ? null : BadRequest(problem);
        return problem is null;
    }

    private static string Shorten(string text) => text.Length > 20 ? $"{text[..10]}…{text[^6..]}" : text;

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
