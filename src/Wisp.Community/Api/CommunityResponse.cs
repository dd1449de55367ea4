using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Wisp.Community.Api;

/// <summary>An answer: status, content type and body, in memory (the largest is a file S2 serves, bounded by its limit).</summary>
internal sealed record CommunityResponse(int Status, string ContentType, byte[] Body)
{
    /// <summary>The JSON content type (Flask's).</summary>
    public const string Json = "application/json";

    /// <summary>The content type of pysogs's plain-text errors.</summary>
    public const string PlainText = "text/plain; charset=utf-8";

    /// <summary>The content type of werkzeug's default error pages.</summary>
    public const string Html = "text/html; charset=utf-8";

    /// <summary>Headers beyond the content type (S2's file downloads set <c>Content-Disposition</c>).</summary>
    public IReadOnlyDictionary<string, string>? ExtraHeaders { get; init; }
}

/// <summary>
/// Building answers as pysogs gives them: JSON from a Wisp.Protocol record, the plain-text reason of
/// <c>abort_with_reason</c>, or werkzeug's page for a bare <c>abort(code)</c>.
/// </summary>
internal static class Reply
{
    /// <summary>200 (or <paramref name="status"/>) with <paramref name="value"/> as JSON.</summary>
    public static CommunityResponse Json<T>(T value, JsonTypeInfo<T> type, int status = 200) =>
        new(status, CommunityResponse.Json, JsonSerializer.SerializeToUtf8Bytes(value, type));

    /// <summary>JSON already encoded (<c>{}</c>, batch results).</summary>
    public static CommunityResponse RawJson(byte[] json, int status = 200) => new(status, CommunityResponse.Json, json);

    /// <summary><c>{}</c>, which pysogs answers for edits and deletions.</summary>
    public static CommunityResponse EmptyObject() => RawJson("{}"u8.ToArray());

    /// <summary>pysogs's <c>abort_with_reason</c>: the reason as the plain-text body.</summary>
    public static CommunityResponse Text(int status, string reason) => new(status, CommunityResponse.PlainText, Encoding.UTF8.GetBytes(reason));

    /// <summary>A bare <c>abort(status)</c>: werkzeug's default error page.</summary>
    public static CommunityResponse Status(int status) => new(status, CommunityResponse.Html, Encoding.UTF8.GetBytes(WerkzeugPages.For(status)));
}
