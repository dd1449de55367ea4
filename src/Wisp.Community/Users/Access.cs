using System.Text.Json;
using Wisp.Community.Api;
using Wisp.Community.Auth;

namespace Wisp.Community.Users;

/// <summary>
/// Reading a request body as pysogs does: the JSON body as Flask's <c>request.json</c>, and Python's truth of its
/// values (pysogs takes <c>bool(value)</c> of most flags). The guards themselves are <see cref="Require"/>.
/// </summary>
internal static class Access
{
    /// <summary>The body as a JSON object; null when it is not JSON or not an object (pysogs answers 400).</summary>
    public static JsonElement? JsonObjectBody(RouteContext context)
    {
        try
        {
            using var document = JsonDocument.Parse(context.Request.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Python's truth of a JSON value: null, false, 0, "", [] and {} are false.</summary>
    public static bool Truthy(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False => false,
        JsonValueKind.True => true,
        JsonValueKind.Number => value.GetDouble() != 0,
        JsonValueKind.String => value.GetString()!.Length > 0,
        JsonValueKind.Array => value.GetArrayLength() > 0,
        _ => value.EnumerateObject().Any(),
    };

    /// <summary><c>None if v is None else bool(v)</c> for a member of <paramref name="body"/>.</summary>
    public static bool? OptionalFlag(JsonElement body, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Truthy(value) : null;
}
