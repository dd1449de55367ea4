using System.Globalization;

namespace Wisp.Community.Api;

/// <summary>pysogs's <c>get_int_param</c>: an integer query parameter, clamped or refused with a bare 400.</summary>
internal static class QueryParameters
{
    /// <summary>
    /// The value of <paramref name="name"/>, <paramref name="fallback"/> when absent, clamped into
    /// [<paramref name="min"/>, <paramref name="max"/>]; null when it is not an integer (answer <c>Reply.Status(400)</c>).
    /// </summary>
    public static long? Integer(CommunityRequest request, string name, long fallback, long min = long.MinValue, long max = long.MaxValue)
    {
        var text = request.QueryValue(name);
        if (text is null)
            return fallback;
        // Python's int(): surrounding whitespace, a sign, digits with single underscores between them.
        var trimmed = text.Trim();
        if (trimmed.StartsWith('_') || trimmed.EndsWith('_') || trimmed.Contains("__", StringComparison.Ordinal))
            return null;
        if (!long.TryParse(trimmed.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            return null;
        return Math.Clamp(value, min, max);
    }
}
