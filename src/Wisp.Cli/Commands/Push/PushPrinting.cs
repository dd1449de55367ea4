using System.Globalization;
using System.Text.Json.Nodes;
using Wisp.Client.Push;

namespace Wisp.Cli.Commands.Push;

/// <summary>How the push commands show a registration.</summary>
internal static class PushPrinting
{
    /// <summary>A registration as JSON, snake_case, with <paramref name="state"/> (added, renewed, active, expired).</summary>
    public static JsonObject Json(PushRegistration r, string state) => new()
    {
        ["endpoint"] = r.Endpoint,
        ["service"] = r.Service,
        ["server"] = r.ServerUrl,
        ["server_key"] = r.ServerKey,
        ["namespaces"] = new JsonArray([.. r.Namespaces.Select(n => (JsonNode)n)]),
        ["data"] = r.WantData,
        ["subscribed_at"] = r.SubscribedAtMs,
        ["expires_at"] = r.ExpiresAtMs,
        ["state"] = state,
        ["last_error"] = r.LastError,
    };

    /// <summary>A time, local, to the minute.</summary>
    public static string When(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
