namespace Wisp.Client.Communities;

/// <summary>What a community call came to: done, or why not.</summary>
/// <param name="Error">Why it failed, as a sentence; null when it worked.</param>
/// <param name="Status">The server's HTTP status when it answered; null when it was not reached (or not asked).</param>
public record CommunityResult(string? Error, int? Status)
{
    /// <summary>True when it worked.</summary>
    public bool Ok => Error is null;

    /// <summary>Done.</summary>
    public static CommunityResult Done { get; } = new(null, null);

    /// <summary>Failed with <paramref name="error"/>.</summary>
    public static CommunityResult Failed(string error, int? status = null) => new(error, status);
}

/// <summary>What a community call came to: a value, or why not.</summary>
/// <param name="Value">The value when it worked.</param>
/// <param name="Error">Why it failed; null when it worked.</param>
/// <param name="Status">The server's HTTP status when it answered.</param>
public sealed record CommunityResult<T>(T? Value, string? Error, int? Status) : CommunityResult(Error, Status)
{
    /// <summary>Worked, with <paramref name="value"/>.</summary>
    public static CommunityResult<T> Of(T value) => new(value, null, null);

    /// <summary>Failed with <paramref name="error"/>.</summary>
    public static new CommunityResult<T> Failed(string error, int? status = null) => new(default, error, status);

    /// <summary>Failed as <paramref name="other"/> did.</summary>
    public static CommunityResult<T> From(CommunityResult other) => new(default, other.Error ?? "failed", other.Status);
}
